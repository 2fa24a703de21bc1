/**
 * Golden files, so a reviewer reads what ships: every rule file per backend and sample, plus one
 * apply.sh and one README.md per backend (their behaviour is tested by running them: see
 * tests/firewall/rollback.test.ts and tests/firewall/bundle.test.ts). Headers name warnings by id,
 * so rewording a warning rewrites no golden.
 */
import { describe, expect, test } from "vitest";
import { bundleEntries, slugify } from "@/lib/firewall/bundle";
import { META, SAMPLE_RULESETS } from "@/tests/support/samples";
import { BACKEND_MODULES } from "./index";

const SCRIPT_SAMPLE = "cpanel-typical";

describe.each(Object.values(BACKEND_MODULES))("$id goldens", (backend) => {
  test.each(SAMPLE_RULESETS)("$id", async ({ id, ruleSet }) => {
    for (const file of backend.render(ruleSet, META)) {
      await expect(file.content).toMatchFileSnapshot(`./${backend.id}/__golden__/${id}/${file.path}`);
    }
  });

  test(`${SCRIPT_SAMPLE} apply.sh, verify.sh and README.md`, async () => {
    const { document } = SAMPLE_RULESETS.find((s) => s.id === SCRIPT_SAMPLE)!;
    const folder = `${slugify(document.server.name)}/${backend.id}/`;
    const entries = bundleEntries(document, { generatedAt: META.generatedAt, productVersion: META.productVersion, backends: [backend.id] });
    for (const name of ["apply.sh", "verify.sh", "README.md"]) {
      const entry = entries.find((e) => e.path === `${folder}${name}`);
      await expect(entry?.content).toMatchFileSnapshot(`./${backend.id}/__golden__/${SCRIPT_SAMPLE}/${name}`);
    }
  });
});
