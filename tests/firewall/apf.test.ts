/**
 * Real APF (Debian's apf-firewall 9.7) with the bundle's apply.sh on a namespaced server with a
 * private root: the traffic matrix of every sample, IPv4 and IPv6 (the companion), with bursts for
 * the limits; the same matrix after a simulated boot; and the timed rollback (docs/backends.md §6.3).
 */
import { afterAll, describe, expect, test } from "vitest";
import { requires } from "../support/requires";
import { CLIENT_ADDRESSES, verifyBehaviour, type Lab } from "../support/behaviour";
import { SAMPLE_RULESETS } from "../support/samples";
import { ApfServer } from "../support/apf";

const labs: Lab[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  cleanups.splice(0).reverse().forEach((c) => c());
  labs.forEach((l) => l.destroy());
});

describe("APF under the real tool", () => {
  requires("root", "ip", "nsenter", "unshare", "apf", "iptables-restore", "ip6tables-restore", "ipset");

  test.each(SAMPLE_RULESETS)("apply, confirm, then a simulated boot: $id", async ({ document, ruleSet }) => {
    const server = new ApfServer(cleanups);
    const applied = await verifyBehaviour(ruleSet, async (ns) => {
      await server.boot(ns);
      const applied = server.apply(document, "yes\n");
      server.greet(CLIENT_ADDRESSES);
      return applied;
    }, labs);
    expect(applied).toEqual([]);
    // Installed for boot only by the confirmation.
    expect(server.sh("cat /etc/default/apf-firewall")).toMatch(/^RUN="yes"$/m);

    const booted = await verifyBehaviour(ruleSet, async (ns) => {
      await server.boot(ns);
      expect(server.sh("iptables-save; ip6tables-save")).not.toMatch(/^:(TALLOW|PORTCULLIS-IN) /m);
      const started = server.bootCommands();
      server.greet(CLIENT_ADDRESSES);
      return started;
    }, labs);
    expect(booted).toEqual([]);
    server.machine?.stop();
  }, 900_000);
});
