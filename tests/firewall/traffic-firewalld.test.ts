/**
 * The real firewalld daemon (docs/backends.md §3, §13.1): every sample's bundle is applied by its
 * own apply.sh on a private-root server running firewalld on a private D-Bus, confirmed, and the
 * traffic matrix (inbound, loopback, outbound, bursts against the companion limits) must equal the
 * profile, over IPv4 and IPv6. Then the server is powered off and its /etc booted again in a fresh
 * namespace, starting what the boot runs (the companion's unit, then firewalld): same matrix.
 */
import { afterAll, describe, expect, test } from "vitest";
import { LIMITS_UNIT } from "@/lib/firewall/backends/firewalld/limits";
import { requires } from "../support/requires";
import { eventually, unpack } from "../support/apply-script";
import { verifyBehaviour, type Lab } from "../support/behaviour";
import { startEnabledUnits, startFirewalld } from "../support/firewalld-daemon";
import { PrivateRoot, type Machine } from "../support/private-root";
import { SAMPLE_RULESETS } from "../support/samples";
import { runProbes, serverPorts } from "../netns/traffic";
import type { Netns } from "../netns/netns";
import type { RuleSet } from "@/lib/firewall/policy/resolve";

const labs: Lab[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  cleanups.splice(0).reverse().forEach((c) => c());
  labs.forEach((l) => l.destroy());
});

// firewalld filters IPv6 even when the profile leaves it off: only ports open to anyone answer there.
const options = { ipv6OffFiltered: true };
const ok = { code: 0, stdout: "", stderr: "" };

/**
 * A freshly started firewalld (python) keeps a loaded machine busy for a moment; the matrix starts
 * once the server answers on loopback, which every profile allows.
 */
async function answering(ns: Netns, rs: RuleSet): Promise<boolean> {
  const probe = { id: "lo", src: "", dst: "127.0.0.1", port: serverPorts(rs).tcp[0]!, proto: "tcp" as const };
  return eventually(() => runProbes(ns, [probe], 2000).get("lo") === "open");
}

describe("firewalld daemon: traffic matches the profile, before and after a simulated boot", () => {
  requires("root", "ip", "nsenter", "unshare", "nft", "firewalld", "firewall-cmd", "dbus-daemon");

  test.each(SAMPLE_RULESETS)("$id", async ({ document, ruleSet }) => {
    const folder = unpack(document, "firewalld", cleanups);
    const root = new PrivateRoot(cleanups);
    let machine: Machine | undefined;

    const applied = await verifyBehaviour(ruleSet, async (ns) => {
      machine = await root.boot(ns);
      await startFirewalld(machine);
      const r = machine.sh(`PORTCULLIS_CONFIRM_SECONDS=600 sh '${folder}/apply.sh'`, "yes\n");
      if (!r.stdout.includes("Confirmed: the new rules stay.")) return { ...r, code: r.code || 1, stderr: `${r.stderr}${r.stdout}` };
      return (await answering(ns, ruleSet)) ? r : { ...r, code: 1, stderr: "no answer on loopback" };
    }, labs, options);
    expect(applied).toEqual([]);
    const hasLimits = ruleSet.rateLimits.length > 0;
    expect(machine!.sh(`test -L /etc/systemd/system/multi-user.target.wants/${LIMITS_UNIT}`).code === 0).toBe(hasLimits);
    machine!.stop();

    let ran: string[] = [];
    const booted = await verifyBehaviour(ruleSet, async (ns) => {
      const next = await root.boot(ns);
      ran = startEnabledUnits(next);
      await startFirewalld(next);
      return (await answering(ns, ruleSet)) ? ok : { ...ok, code: 1, stderr: "no answer on loopback" };
    }, labs, options);
    expect(booted).toEqual([]);
    expect(ran.length).toBe(hasLimits ? 1 : 0);
  }, 300_000);
});
