/** `ansible` through the dispatcher: the project written to --out, and exit 2 on bad input. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { serializeProfileDocument } from "@/lib/firewall/policy/document";
import { makeProfile } from "@/tests/support/profile";
import { runCliCaptured as cli } from "../test-run";

const dir = mkdtempSync(join(tmpdir(), "pc-cli-ansible-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function profile(name: string, hostname: string): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, serializeProfileDocument(makeProfile({ name, hostname, os: "debian", panel: "froxlor" })));
  return path;
}

describe("ansible", () => {
  test("writes inventory, playbook, roles and each host's files to --out", async () => {
    const out = join(dir, "project");
    const r = await cli(["ansible", profile("web1", "web1.example.com"), profile("web2", "web2.example.com"), "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Wrote ${out} (2 hosts,`);
    expect(readFileSync(join(out, "inventory.yml"), "utf8")).toContain('"web2.example.com": {}');
    expect(existsSync(join(out, "site.yml"))).toBe(true);
    expect(statSync(join(out, "files/web1.example.com/nftables/apply.sh")).mode & 0o111).not.toBe(0);
  });

  test.each([
    [["ansible", "--out", "x"], "Give at least one profile file."],
    [["ansible", "p.json"], "Give the folder to write with --out DIR."],
  ])("%j is a usage error", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test("two profiles for the same host are refused with both names", async () => {
    const r = await cli(["ansible", profile("a", "same.example.com"), profile("b", "same.example.com"), "--out", join(dir, "never")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Profiles "a" and "b" both name the host same.example.com');
    expect(existsSync(join(dir, "never"))).toBe(false);
  });
});
