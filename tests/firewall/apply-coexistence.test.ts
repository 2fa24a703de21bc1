/**
 * apply.sh and other firewall managers (docs/backends.md §10.1): it refuses, before changing
 * anything, when another manager is active, unless overridden; it names Docker's and fail2ban's
 * chains and tables and leaves them alone. Other managers are simulated with fake commands first
 * on PATH inside the namespace (detection goes through commands only).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ApplyHarness, eventually, fakeCommands, unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
afterAll(() => cleanups.forEach((c) => c()));
const document = SAMPLE_RULESETS.find((s) => s.id === "locked-down")!.document;

/** Debian's APF ships RUN="no" (never starts); a server where it does run has RUN="yes". */
function apfEnabled(): string {
  const file = join(unpack(document, "nftables", cleanups), "apf-default");
  writeFileSync(file, 'RUN="yes"\n');
  return `[ -e /etc/default/apf-firewall ] && mount --bind '${file}' /etc/default/apf-firewall`;
}

const MANAGERS: [string, Record<string, string>, string][] = [
  ["firewalld (firewall-cmd --state)", { "firewall-cmd": '[ "$1" = --state ] && { echo running; exit 0; }; exit 1' }, "firewalld"],
  ["firewalld (systemctl is-active)", { systemctl: 'case "$*" in *firewalld*) exit 0 ;; esac; exit 3' }, "firewalld"],
  ["CSF installed", { csf: "exit 0" }, "CSF"],
  ["APF installed", { apf: "exit 0" }, "APF"],
  ["UFW active", { ufw: 'echo "Status: active"' }, "UFW"],
];

describe("nftables apply.sh next to other firewall managers", () => {
  requires("root", "ip", "nft", "setsid", "pgrep", "mount");
  const table = (h: ApplyHarness) => h.ns.exec("nft", ["list", "table", "inet", "portcullis"]).code === 0;

  test.each(MANAGERS)("%s: refuses and changes nothing", (_what, commands, name) => {
    const prelude = `export PATH='${fakeCommands(commands, cleanups)}':$PATH${name === "APF" ? `\n${apfEnabled()}` : ""}`;
    const h = new ApplyHarness(cleanups, prelude);
    const r = h.apply(unpack(document, "nftables", cleanups), "2", "yes\n");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Refusing to apply: another firewall manager is active");
    expect(r.stderr).toContain(name);
    expect(r.stderr).toContain("--force-with-other-manager");
    expect(table(h)).toBe(false);
    expect(h.pendingToken()).toBeUndefined();
  });

  test.each([
    ["--force-with-other-manager", "2 --force-with-other-manager", ""],
    ["PORTCULLIS_FORCE_OTHER_MANAGER=1", "2", "export PORTCULLIS_FORCE_OTHER_MANAGER=1"],
  ])("overridden with %s: warns and applies", (_how, args, env) => {
    const h = new ApplyHarness(cleanups, `export PATH='${fakeCommands({ csf: "exit 0" }, cleanups)}':$PATH\n${env}`);
    const r = h.apply(unpack(document, "nftables", cleanups), args, "yes\n");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("going ahead because of --force-with-other-manager");
    expect(r.stdout).toContain("Confirmed");
    expect(table(h)).toBe(true);
  });

  test("Docker's and fail2ban's chains and tables are named and left alone", async () => {
    const h = new ApplyHarness(cleanups);
    h.ns.must("iptables", ["-N", "DOCKER"]);
    h.ns.must("nft", ["add", "table", "inet", "f2b-table"]);
    const r = h.apply(unpack(document, "nftables", cleanups), "2", "yes\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Seen: chains/tables of Docker and fail2ban. They are left alone");
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    expect(h.ns.exec("iptables", ["-n", "-L", "DOCKER"]).code).toBe(0);
    expect(h.ns.exec("nft", ["list", "table", "inet", "f2b-table"]).code).toBe(0);
    expect(table(h)).toBe(true);
  });
});
