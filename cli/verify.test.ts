import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { serializeProfileDocument } from "@/lib/firewall/policy/document";
import { BASE, document, liveText, v4 } from "@/tests/support/live-fixture";
import { runCliCaptured as cli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "portcullis-verify-"));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const profile = file("profile.json", serializeProfileDocument(document));
const inSync = file("in-sync.txt", liveText(BASE));
const drifted = file("drifted.txt", liveText({ ...BASE, "live iptables-save": v4.replace("-A INPUT -j PORTCULLIS-IN", "-A INPUT -p tcp --dport 8081 -j ACCEPT\n-A INPUT -j PORTCULLIS-IN") }));

describe("cli verify", () => {
  test("in sync: exit 0 and says so", async () => {
    const r = await cli(["verify", profile, inSync]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^In sync with the profile: web1.example.com \(iptables\), live state of 2026-12-02T07:30:00Z\.$/);
  });

  test("drift: exit 1 with a readable list, or JSON", async () => {
    const text = await cli(["verify", profile, drifted]);
    expect(text.code).toBe(1);
    expect(text.out).toContain("  - [open-extra] tcp 8081 is open to anyone (IPv4) on the server, not in the revision.");
    const json = await cli(["verify", profile, drifted, "--json"]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { inSync: boolean; drift: { kind: string }[] };
    expect(parsed.inSync).toBe(false);
    expect(parsed.drift.map((d) => d.kind)).toEqual(["open-extra"]);
  });

  test.each([
    ["a missing live file", () => [profile, join(dir, "nope.txt")], /Cannot read .*nope\.txt: no such file/],
    ["a file verify.sh did not write", () => [profile, file("other.txt", "hello\n")], /Cannot verify: .*other\.txt: live file, line 1: expected "# portcullis-live format 1"/],
    ["a truncated live file", () => [profile, file("cut.txt", liveText(BASE).slice(0, 600))], /never ends: the file is truncated/],
    ["an invalid profile", () => [file("bad.json", "{}"), inSync], /is not a valid Portcullis profile/],
    ["one path only", () => [profile], /Give the profile and the live file/],
  ])("%s: exit 2 with the reason", async (_, args, message) => {
    const r = await cli(["verify", ...args()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
