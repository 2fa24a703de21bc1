/** Golden files: the exact rules, apply scripts and READMEs per backend and sample, so a reviewer reads what ships. */
import { describe, expect, test } from "vitest";
import { bundleEntries, slugify } from "@/lib/firewall/bundle";
import { META, SAMPLE_RULESETS } from "@/tests/support/samples";
import { RENDERERS } from "./index";

describe.each(Object.values(RENDERERS))("$id goldens", (renderer) => {
  test.each(SAMPLE_RULESETS)("$id", async ({ id, ruleSet }) => {
    for (const file of renderer.render(ruleSet, META)) {
      await expect(file.content).toMatchFileSnapshot(`./__golden__/${renderer.id}/${id}/${file.path}`);
    }
  });

  test.each(SAMPLE_RULESETS)("$id apply.sh and README.md", async ({ id, document }) => {
    const folder = `${slugify(document.server.name)}/${renderer.id}/`;
    const entries = bundleEntries(document, { generatedAt: META.generatedAt, productVersion: META.productVersion, backends: [renderer.id] });
    for (const name of ["apply.sh", "README.md"]) {
      const entry = entries.find((e) => e.path === `${folder}${name}`);
      await expect(entry?.content).toMatchFileSnapshot(`./__golden__/${renderer.id}/${id}/${name}`);
    }
  });
});
