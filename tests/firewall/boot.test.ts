/**
 * Persistence proven by a simulated boot (docs/backends.md §14): per backend and OS family, the
 * real apply.sh runs and is confirmed on a server with a private /etc; then that server is powered
 * off and booted in a fresh namespace (empty kernel state), where exactly what the OS's boot unit
 * runs loads the firewall from that /etc. The traffic matrix after the boot must be the one the
 * profile asks for, as it was before.
 */
import { afterAll, describe, expect, test } from "vitest";
import { eventually, unpack, type Cleanups } from "../support/apply-script";
import { verifyBehaviour, type Lab } from "../support/behaviour";
import { BOOT_FILES, BOOT_UNITS, stockServer } from "../support/boot-units";
import { Netns } from "../netns/netns";
import { PrivateRoot, type Machine } from "../support/private-root";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
const labs: Lab[] = [];
afterAll(() => {
  labs.forEach((l) => l.destroy());
  cleanups.splice(0).reverse().forEach((c) => c());
});

const SAMPLES = SAMPLE_RULESETS.filter((s) => ["locked-down", "blocks-and-limits"].includes(s.id));
const BACKENDS = ["nftables", "iptables"] as const;
// Every sample through the boot path (the matrix of each, before and after the boot). One pairing
// is left out: iptables on EL with IPv6 off. The profile then leaves IPv6 to the server's own
// ip6tables file, and EL's stock file (which stockServer writes) rejects all but SSH. The boot unit
// table runs that file unconditionally, although apply.sh does not enable ip6tables in that case.
const CASES = BACKENDS.flatMap((backend) => (["debian", "rhel"] as const).flatMap((family) => SAMPLE_RULESETS.filter((s) => backend !== "iptables" || family !== "rhel" || s.ruleSet.ipv6).map((s) => ({ backend, family, ...s }))));
const TOOLS = { nftables: ["nft"], iptables: ["iptables-restore", "ip6tables-restore", "ipset"] };

function applyConfirmed(machine: Machine, folder: string) {
  return machine.sh(`sh '${folder}/apply.sh' 600`, "yes\n");
}

describe.each(BACKENDS)("%s: the boot path apply.sh installs", (backend) => {
  requires("root", "ip", "nsenter", "unshare", "setsid", ...TOOLS[backend]);

  test.each(CASES.filter((c) => c.backend === backend))("$family, $id: the traffic matrix after a simulated boot is the profile's", async ({ family, document, ruleSet }) => {
    const root = new PrivateRoot(cleanups);
    const folder = unpack(document, backend, cleanups);
    let server: Machine | undefined;
    const before = await verifyBehaviour(ruleSet, async (ns) => {
      server = await root.boot(ns);
      stockServer(server, family);
      const r = applyConfirmed(server, folder);
      if (!r.stdout.includes("Confirmed")) return { ...r, code: 1, stderr: `not confirmed: ${r.stdout}${r.stderr}` };
      return r;
    }, labs);
    expect(before).toEqual([]);
    const after = await verifyBehaviour(ruleSet, async (ns) => {
      server?.stop();
      const booted = await root.boot(ns);
      return booted.sh(["set -e", ...BOOT_UNITS[backend][family]].join("\n"));
    }, labs);
    expect(after).toEqual([]);
  });
});


describe.each(BACKENDS)("%s: boot files change only on confirmation", (backend) => {
  requires("root", "ip", "nsenter", "unshare", "setsid", ...TOOLS[backend]);
  const [first, second] = SAMPLES.map((s) => s.document);

  test.each(["debian", "rhel"] as const)("%s: unconfirmed, nothing is installed and the rollback leaves the previous boot files", async (family) => {
    const ns = new Netns("b");
    cleanups.push(() => ns.destroy());
    const server = await new PrivateRoot(cleanups).boot(ns);
    stockServer(server, family);
    const files = BOOT_FILES[backend][family].join(" ");
    const snapshot = () => server.sh(`for f in ${files}; do echo "== $f"; cat "$f" 2>/dev/null || echo MISSING; done`).stdout;
    const stock = snapshot();
    const state = `/var/lib/portcullis/${backend}`;
    const rolledBack = () => server.sh(`ls ${state}/done-*`).code === 0;

    // Never confirmed: while pending and after the rollback, the stock boot files are untouched.
    expect(server.sh(`sh '${unpack(first!, backend, cleanups)}/apply.sh' 2`).stdout).toContain("Not confirmed here");
    expect(snapshot()).toBe(stock);
    expect(await eventually(rolledBack)).toBe(true);
    expect(snapshot()).toBe(stock);

    // Confirmed: installed. A later unconfirmed apply leaves that confirmed boot path in place.
    server.must(`rm -f ${state}/done-*`);
    expect(applyConfirmed(server, unpack(first!, backend, cleanups)).stdout).toContain("Confirmed");
    const confirmed = snapshot();
    expect(confirmed).not.toBe(stock);
    expect(server.sh(`sh '${unpack(second!, backend, cleanups)}/apply.sh' 2`).stdout).toContain("Not confirmed here");
    expect(snapshot()).toBe(confirmed);
    expect(await eventually(rolledBack)).toBe(true);
    expect(snapshot()).toBe(confirmed);
  });
});
