/**
 * Never clobber what is not ours (docs/backends.md §9.3, §9.4): UFW's apply resets every ufw rule
 * and firewalld's replaces the public zone, so an unconfirmed apply must put back exactly what was
 * there. The real apply.sh runs in a namespace on private copies of /etc/ufw and /etc/default
 * (real ufw), or of /etc/firewalld (firewall-cmd faked to use the offline check, no daemon).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ApplyHarness, eventually, fakeCommands, unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
afterAll(() => cleanups.forEach((c) => c()));
const document = SAMPLE_RULESETS.find((s) => s.id === "locked-down")!.document;

function privateCopy(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-etc-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(from, join(dir, "copy"), { recursive: true });
  return join(dir, "copy");
}

/** Every file under `dir` with its content: what "exactly as before" is compared on. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = readFileSync(path, "utf8");
  }
  return out;
}

describe("ufw apply.sh, unconfirmed: /etc/ufw and /etc/default/ufw come back as they were", () => {
  requires("root", "ip", "ufw", "iptables", "setsid", "pgrep", "mount");
  test("the admin's own ufw rule and files are restored after the reset", async () => {
    const ufw = privateCopy("/etc/ufw");
    const defaults = privateCopy("/etc/default");
    // Keep ufw from applying its sysctl file to the machine (as the ufw sandbox does).
    writeFileSync(join(defaults, "ufw"), readFileSync(join(defaults, "ufw"), "utf8").replace(/^IPT_SYSCTL=.*$/m, "IPT_SYSCTL="));
    const h = new ApplyHarness(cleanups, `mount --bind '${ufw}' /etc/ufw && mount --bind '${defaults}' /etc/default || exit 97`);
    const sh = (script: string) => h.ns.exec("sh", ["-c", `mount --bind '${ufw}' /etc/ufw && mount --bind '${defaults}' /etc/default && ${script}`]);
    expect(sh("ufw allow 2222/tcp && ufw --force enable").code).toBe(0);
    const rule = () => sh("iptables -S ufw-user-input").stdout.includes("--dport 2222");
    expect(rule()).toBe(true);
    const before = { ufw: contents(ufw), defaults: readFileSync(join(defaults, "ufw"), "utf8") };
    const r = h.apply(unpack(document, "ufw", cleanups), "2");
    expect(r.code, r.stderr).toBe(0);
    expect(rule()).toBe(false);
    expect(contents(ufw)).not.toEqual(before.ufw);
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    expect(contents(ufw)).toEqual(before.ufw);
    expect(readFileSync(join(defaults, "ufw"), "utf8")).toBe(before.defaults);
    expect(rule()).toBe(true);
  }, 300_000);
});

describe("firewalld apply.sh, unconfirmed: /etc/firewalld comes back as it was", () => {
  requires("root", "ip", "firewall-offline-cmd", "setsid", "pgrep", "mount");
  test("the admin's own public zone is restored, and firewalld reloaded", async () => {
    const etc = privateCopy("/etc/firewalld");
    const own = '<?xml version="1.0" encoding="utf-8"?>\n<zone>\n  <short>Public</short>\n  <service name="ssh"/>\n  <port port="2222" protocol="tcp"/>\n</zone>\n';
    writeFileSync(join(etc, "zones/public.xml"), own);
    const log = join(etc, "..", "firewall-cmd.log");
    const fake = fakeCommands({
      // No daemon here: the state and zone a running firewalld reports, its check done offline, reloads logged.
      "firewall-cmd": `case "$1" in --state) echo running ;; --get-default-zone) echo public ;; --check-config) exec firewall-offline-cmd --check-config ;; --reload) echo reload >> '${log}' ;; *) exit 2 ;; esac`,
    }, cleanups);
    const h = new ApplyHarness(cleanups, `export PATH='${fake}':$PATH\nmount --bind '${etc}' /etc/firewalld || exit 97`);
    const before = contents(etc);
    const r = h.apply(unpack(document, "firewalld", cleanups), "2");
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(etc, "zones/public.xml"), "utf8")).not.toContain("2222");
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    expect(contents(etc)).toEqual(before);
    expect(readFileSync(log, "utf8")).toBe("reload\nreload\n");
  });
});
