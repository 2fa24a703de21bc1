/**
 * The bundle as a user gets it: unzipped with the real unzip, every apply.sh and verify.sh parsed by sh -n and
 * dash -n, modes kept, profile.json re-imported to the same document, identical bytes for the same input.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { buildBundle, bundleEntries, slugify } from "@/lib/firewall/bundle";
import { parseProfileDocument } from "@/lib/firewall/policy/document";
import { BACKENDS } from "@/lib/firewall/policy/schema";
import { run } from "../netns/netns";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const OPTIONS = { generatedAt: "2026-11-22T12:00:00Z", productVersion: "0.1.0-test" };

describe("bundle", () => {
  requires("unzip", "dash");
  test.each(SAMPLE_RULESETS)("$id unzips into a complete, runnable tree", ({ document }) => {
    const bundle = buildBundle(document, OPTIONS);
    const dir = mkdtempSync(join(tmpdir(), "pc-bundle-"));
    dirs.push(dir);
    writeFileSync(join(dir, bundle.fileName), bundle.zip);
    const unzip = run("unzip", ["-q", join(dir, bundle.fileName), "-d", dir]);
    expect(unzip.stderr).toBe("");
    const root = join(dir, slugify(document.server.name));
    expect(bundle.fileName).toBe(`${slugify(document.server.name)}.zip`);
    for (const backend of BACKENDS) {
      for (const name of ["apply.sh", "verify.sh"]) {
        const script = join(root, backend, name);
        expect(statSync(script).mode & 0o777).toBe(0o755);
        for (const shell of ["sh", "dash"]) expect(run(shell, ["-n", script]).stderr).toBe("");
      }
      expect(readFileSync(join(root, backend, "README.md"), "utf8")).toContain("## Apply step by step");
    }
    const overview = readFileSync(join(root, "README.md"), "utf8");
    const chosen = document.policy.backend;
    expect(overview).toContain(`apply the files in \`${chosen}/\``);
    expect(overview.indexOf("`sh apply.sh`")).toBeLessThan(overview.indexOf("Open a **new** SSH session"));
    for (const other of BACKENDS.filter((b) => b !== chosen)) expect(overview).toContain(`| \`${other}/\` |`);
    expect(overview.includes("exim/reverse-dns-acl.txt")).toBe(document.policy.hardening.eximReverseDns !== "off");
    expect(readFileSync(join(root, "REPORT.md"), "utf8")).toContain("## Warnings");
    expect(readFileSync(join(root, "report.html"), "utf8")).toContain("<h2>Warnings");
    const reimported = parseProfileDocument(readFileSync(join(root, "profile.json"), "utf8"));
    expect(reimported.ok && reimported.value).toEqual(document);
    expect(run("test", ["-e", join(root, "exim")]).code === 0).toBe(document.policy.hardening.eximReverseDns !== "off");
  });

  test("the same input gives the same bytes, and the Exim ACL appears when asked for", () => {
    const document = SAMPLE_RULESETS[0]!.document;
    expect(buildBundle(document, OPTIONS).zip).toEqual(buildBundle(document, OPTIONS).zip);
    const withExim = { ...document, policy: { ...document.policy, hardening: { eximReverseDns: "relaxed" as const } } };
    const entry = bundleEntries(withExim, OPTIONS).find((e) => e.path.endsWith("exim/reverse-dns-acl.txt"));
    expect(entry?.content).toContain("reverse_host_lookup");
  });

  test("the report and every header carry the warnings engine's findings", () => {
    const document = SAMPLE_RULESETS.find((s) => s.id === "cpanel-typical")!.document;
    const entries = bundleEntries(document, OPTIONS);
    const report = entries.find((e) => e.path.endsWith("REPORT.md"))!.content;
    const nft = entries.find((e) => e.path.endsWith("nftables/portcullis.nft"))!.content;
    const titles = [...report.matchAll(/^### [A-Z]+: (.+)$/gm)].map((m) => m[1]);
    expect(titles.length).toBeGreaterThan(0);
    const ids = [...report.matchAll(/^Id: `(.+)`$/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(titles.length);
    expect(nft).toMatch(new RegExp(`^# Open warnings \\(${ids.length}, explained in REPORT\\.md\\):$`, "m"));
    // Headers name each finding by its stable id; the wording lives in the report only.
    for (const id of ids) expect(nft).toContain(`] ${id}\n`);
    for (const title of titles) expect(nft).not.toContain(title);
  });
});
