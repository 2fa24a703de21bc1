/**
 * firewalld and ufw output of every sample through the real tools: firewall-offline-cmd's
 * check on a scratch config (any WARNING fails), every ufw command in a sandbox with --dry-run,
 * and the before.rules blocks really loaded by `ufw enable` inside a namespace.
 */
import { afterAll, describe, expect, test } from "vitest";
import { firewalldRenderer } from "@/lib/firewall/backends/firewalld/render";
import { ufwRenderer } from "@/lib/firewall/backends/ufw/render";
import { Netns } from "../netns/netns";
import { requires } from "../support/requires";
import { checkFirewalld } from "../support/firewalld";
import { META, SAMPLE_RULESETS } from "../support/samples";
import { UfwSandbox } from "../support/ufw";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe("firewalld offline check", () => {
  requires("root", "firewall-offline-cmd");
  test.each(SAMPLE_RULESETS)("$id passes --check-config without warnings", ({ ruleSet }) => {
    expect(checkFirewalld(firewalldRenderer.render(ruleSet, META))).toEqual([]);
  });

  test("the check catches a bad port, a bad address and a missing ipset", () => {
    const files = firewalldRenderer.render(SAMPLE_RULESETS[2]!.ruleSet, META);
    const zone = files.find((f) => f.path === "zones/public.xml")!;
    const bad = (content: string) => checkFirewalld([...files.filter((f) => f !== zone), { ...zone, content }]);
    expect(bad(zone.content.replace("<forward/>", '<port protocol="tcp" port="70000"/><forward/>'))).not.toEqual([]);
    expect(bad(zone.content.replace("<forward/>", '<rule family="ipv4"><source address="10.0.0.0/33"/><accept/></rule><forward/>'))).not.toEqual([]);
    expect(bad(zone.content.replace("<forward/>", '<rule family="ipv4"><source ipset="nope"/><accept/></rule><forward/>'))).not.toEqual([]);
  });
});

describe("ufw sandbox", () => {
  requires("root", "ip", "ufw", "iptables-restore");
  test.each(SAMPLE_RULESETS)("$id: every command passes --dry-run", ({ ruleSet }) => {
    const sandbox = new UfwSandbox(ruleSet.ipv6);
    cleanups.push(() => sandbox.destroy());
    const r = sandbox.runScript(ufwRenderer.render(ruleSet, META), "--dry-run");
    expect(r.stderr).not.toMatch(/ERROR/);
    expect(r.code).toBe(0);
  });

  test.each(SAMPLE_RULESETS)("$id: a real enable in a namespace loads the rules and the before.rules blocks", ({ ruleSet }) => {
    const sandbox = new UfwSandbox(ruleSet.ipv6);
    const ns = new Netns("u");
    cleanups.push(() => sandbox.destroy(), () => ns.destroy());
    const files = ufwRenderer.render(ruleSet, META);
    const r = sandbox.apply(files, ns);
    expect(`${r.stdout}${r.stderr}`).toContain("Firewall is active");
    const saved = ns.must("iptables-save", []);
    for (const rl of ruleSet.rateLimits) {
      if (rl.newConnections) expect(saved).toContain(`--hashlimit-burst ${rl.newConnections.count}`);
      if (rl.concurrent !== undefined) expect(saved).toContain(`--connlimit-above ${rl.concurrent}`);
    }
    for (const b of ruleSet.blocked.v4) expect(saved).toContain(`-A ufw-user-input -s ${b.includes("/") ? b : `${b}/32`} -j DROP`);
  });
});
