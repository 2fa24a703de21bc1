/**
 * UFW persists by its own configuration (docs/backends.md §14): the real apply.sh runs and is
 * confirmed on a server with a private /etc; the server is powered off and booted in a fresh
 * namespace, where what Debian's ufw.service runs (`/lib/ufw/ufw-init start quiet`) loads the
 * rules from that /etc/ufw. The traffic matrix after the boot must equal the profile's.
 */
import { afterAll, describe, expect, test } from "vitest";
import { ufwRenderer } from "@/lib/firewall/backends/ufw/render";
import { unpack, type Cleanups } from "../support/apply-script";
import { verifyBehaviour, type Lab } from "../support/behaviour";
import { PrivateRoot, type Machine } from "../support/private-root";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
const labs: Lab[] = [];
afterAll(() => {
  labs.forEach((l) => l.destroy());
  cleanups.splice(0).reverse().forEach((c) => c());
});

// Debian's ufw.service: ExecStart=/lib/ufw/ufw-init start quiet (ufw 0.36.2).
const UFW_BOOT = "/lib/ufw/ufw-init start quiet";

describe("ufw: its configuration brings the rules back at boot", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "ufw", "/lib/ufw/ufw-init");

  test.each(SAMPLE_RULESETS)("$id: the traffic matrix after a simulated boot is the profile's", async ({ document, ruleSet }) => {
    const root = new PrivateRoot(cleanups);
    const folder = unpack(document, "ufw", cleanups);
    // ufw declares that IPV6=no drops IPv6 instead of leaving it unfiltered; the expectation follows that.
    const options = { ipv6OffOpen: !ufwRenderer.limitations(ruleSet).some((l) => l.id === "ipv6-off-drops-all") };
    let server: Machine | undefined;
    const before = await verifyBehaviour(ruleSet, async (ns) => {
      server = await root.boot(ns);
      // The kernel-wide sysctls ufw would set are not the namespace's to change.
      server.must("sed -i 's/^IPT_SYSCTL=.*/IPT_SYSCTL=/' /etc/default/ufw");
      const r = server.sh(`sh '${folder}/apply.sh' 600`, "yes\n");
      if (!r.stdout.includes("Confirmed")) return { ...r, code: 1, stderr: `not confirmed: ${r.stdout}${r.stderr}` };
      return r;
    }, labs, options);
    expect(before).toEqual([]);
    const after = await verifyBehaviour(ruleSet, async (ns) => {
      server?.stop();
      const booted = await root.boot(ns);
      return booted.sh(UFW_BOOT);
    }, labs, options);
    expect(after).toEqual([]);
  });
});
