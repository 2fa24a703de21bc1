/**
 * CSF's apply.sh arms a real revert (docs/backends.md §9.5): unconfirmed, csf.conf, csf.allow and
 * csf.deny come back as they were and `csf -r` runs; confirmed, TESTING is turned off and csf
 * restarted. CSF is not in Debian, so `csf` is a fake first on PATH that applies a profile the way
 * `csf --profile apply` does (rewrites the keys csf.conf already has) and logs restarts; the real
 * apply.sh runs on a private copy of /etc and an empty /usr/local inside a namespace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { run } from "../netns/netns";
import { ApplyHarness, eventually, fakeCommands, unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
afterAll(() => cleanups.forEach((c) => c()));
const document = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const CONF = 'TESTING = "0"\nTCP_IN = "22,2222"\nUDP_IN = ""\nTCP_OUT = "1:65535"\nUDP_OUT = "1:65535"\nIPV6 = "0"\nTCP6_IN = ""\nUDP6_IN = ""\nTCP6_OUT = ""\nUDP6_OUT = ""\nPORTFLOOD = ""\nCONNLIMIT = ""\nLF_IPSET = "0"\n';

function server() {
  const dir = mkdtempSync(join(tmpdir(), "pc-csf-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const etc = join(dir, "etc");
  if (run("cp", ["-a", "/etc", etc]).code !== 0) throw new Error("cannot copy /etc");
  mkdirSync(join(etc, "csf"));
  writeFileSync(join(etc, "csf/csf.conf"), CONF);
  writeFileSync(join(etc, "csf/csf.allow"), "198.51.100.7 # the admin's own\n");
  writeFileSync(join(etc, "csf/csf.deny"), "203.0.113.9 # the admin's own\n");
  const log = join(dir, "csf.log");
  const csf = fakeCommands({
    csf: [
      `echo "$*" >> '${log}'`,
      'if [ "$1 $2" = "--profile apply" ]; then',
      '  grep -E \'^[A-Z0-9_]+ = \' "/usr/local/csf/profiles/$3.conf" | while IFS= read -r line; do',
      '    key=${line%% =*}; grep -q "^$key = " /etc/csf/csf.conf && sed -i "s|^$key = .*|$line|" /etc/csf/csf.conf; done',
      "fi",
      "exit 0",
    ].join("\n"),
  }, cleanups);
  const prelude = [`export PATH='${csf}':$PATH`, `mount --bind '${etc}' /etc && mount -t tmpfs none /usr/local && mkdir -p /usr/local/csf/profiles || exit 97`].join("\n");
  const file = (name: string) => readFileSync(join(etc, "csf", name), "utf8");
  return { h: new ApplyHarness(cleanups, prelude), file, log: () => readFileSync(log, "utf8") };
}

describe("csf apply.sh", () => {
  requires("root", "ip", "setsid", "pgrep", "mount", "cp");
  test("unconfirmed: csf.conf, csf.allow and csf.deny come back and csf restarts", async () => {
    const { h, file, log } = server();
    const before = ["csf.conf", "csf.allow", "csf.deny"].map(file);
    const r = h.apply(unpack(document, "csf", cleanups), "2");
    expect(r.code, r.stderr).toBe(0);
    expect(file("csf.conf")).toContain('TESTING = "1"');
    expect(file("csf.allow")).toContain("Include /etc/csf/portcullis.allow");
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    expect(["csf.conf", "csf.allow", "csf.deny"].map(file)).toEqual(before);
    expect(log().trim().split("\n").at(-1)).toBe("-r");
  });

  test("confirmed: TESTING is turned off, csf and lfd restart, and the timer restores nothing", async () => {
    const { h, file, log } = server();
    const r = h.apply(unpack(document, "csf", cleanups), "2", "yes\n");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("TESTING is off");
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    expect(file("csf.conf")).toContain('TESTING = "0"');
    expect(file("csf.conf")).toContain('PORTFLOOD = "25;tcp;11;300"');
    expect(file("csf.allow")).toContain("Include /etc/csf/portcullis.allow");
    expect(log()).not.toMatch(/^-r$/m);
  });
});
