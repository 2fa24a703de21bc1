/** `render` and `bundle` through the dispatcher: output, files written, and exit 2 on bad input. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { serializeProfileDocument } from "@/lib/firewall/policy/document";
import { SAMPLES } from "@/tests/support/sample-profiles";
import { runCliCaptured } from "../test-run";

const dir = mkdtempSync(join(tmpdir(), "pc-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const profile = join(dir, "profile.json");
writeFileSync(profile, serializeProfileDocument(SAMPLES.find((s) => s.id === "locked-down")!.document));

const cli = runCliCaptured;

describe("render", () => {
  test("prints a single-file backend as is", async () => {
    const r = await cli(["render", profile, "--backend", "nftables"]);
    expect(r.code).toBe(0);
    expect(r.out.startsWith("#!/usr/sbin/nft -f")).toBe(true);
  });

  test("prints several files with a header line each, defaulting to the profile's backend", async () => {
    const r = await cli(["render", profile]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("==> rules.v4 (/etc/sysconfig/iptables) <==");
    expect(r.out).toContain("==> rules.v6");
  });

  test("--out writes the backend folder with an executable apply.sh", async () => {
    const out = join(dir, "fw");
    const r = await cli(["render", profile, "--backend", "firewalld", "--out", out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, "zones/public.xml"))).toBe(true);
    expect(statSync(join(out, "apply.sh")).mode & 0o111).not.toBe(0);
  });

  test.each([
    [["render", "--backend", "nftables"], "exactly one profile"],
    [["render", "PROFILE", "--backend", "pf"], 'Unknown backend "pf"'],
    [["render", "PROFILE", "--bogus"], "Unknown option"],
  ])("%j exits 2", async (args, message) => {
    const r = await cli(args.map((a) => (a === "PROFILE" ? profile : a)));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test("an invalid profile exits 2 with the schema's message", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "portcullis/profile", version: 1, server: { name: "x;rm -rf /" } }));
    const r = await cli(["render", bad, "--backend", "nftables"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not a valid Portcullis profile");
  });
});

describe("bundle", () => {
  test("-o writes the ZIP", async () => {
    const target = join(dir, "out.zip");
    const r = await cli(["bundle", profile, "-o", target]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Wrote ${target}`);
    expect(readFileSync(target).subarray(0, 2).toString()).toBe("PK");
    expect(spawnSync("unzip", ["-tq", target], { encoding: "utf8" }).stdout).toContain("No errors detected");
  });

  test("a missing file exits 2", async () => {
    const r = await cli(["bundle", join(dir, "nope.json"), "-o", join(dir, "x.zip")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("no such file");
  });
});
