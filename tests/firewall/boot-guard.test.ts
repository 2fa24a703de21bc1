/**
 * A reboot inside the confirmation window (docs/backends.md §9, "A reboot before the
 * confirmation"). UFW's and firewalld's new files are also what boots, so apply.sh installs a
 * boot guard before changing them. Here a server confirms profile A, then applies profile B and
 * is powered off before anyone confirms. In a fresh namespace the guard runs as systemd would
 * (its unit is linked in sysinit.target.wants and ordered before the firewall's service), then
 * the firewall's own boot command: the traffic matrix is A's, the guard is gone, and nothing is
 * left to confirm. A confirmed apply leaves no guard behind.
 */
import { afterAll, describe, expect, test } from "vitest";
import { guardUnit } from "@/lib/firewall/backends/shared/boot-guard";
import type { RuleSet } from "@/lib/firewall/policy/resolve";
import { ufwRenderer } from "@/lib/firewall/backends/ufw/render";
import type { Netns } from "../netns/netns";
import { runProbes, serverPorts } from "../netns/traffic";
import { eventually, unpack, type Cleanups } from "../support/apply-script";
import { verifyBehaviour, type Lab } from "../support/behaviour";
import { startEnabledUnits, startFirewalld } from "../support/firewalld-daemon";
import { PrivateRoot, type Machine } from "../support/private-root";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
const labs: Lab[] = [];
afterAll(() => {
  labs.forEach((l) => l.destroy());
  cleanups.splice(0).reverse().forEach((c) => c());
});

const sample = (id: string) => SAMPLE_RULESETS.find((s) => s.id === id)!;
const ok = { code: 0, stdout: "", stderr: "" };
const UNIT_DIR = "/etc/systemd/system";

/** The guard after an unconfirmed apply: a unit ordered before `service`, enabled for sysinit. */
function expectGuard(machine: Machine, backend: string, service: string): void {
  const unit = machine.must(`cat ${UNIT_DIR}/${guardUnit(backend)}`);
  expect(unit).toMatch(new RegExp(`^Before=.*\\b${service.replace(".", "\\.")}\\b`, "m"));
  expect(unit).toContain("DefaultDependencies=no");
  expect(machine.sh(`test -L ${UNIT_DIR}/sysinit.target.wants/${guardUnit(backend)}`).code).toBe(0);
}

function expectNoGuard(machine: Machine, backend: string): void {
  expect(machine.sh(`ls ${UNIT_DIR}/${guardUnit(backend)} ${UNIT_DIR}/sysinit.target.wants/${guardUnit(backend)}`).code).not.toBe(0);
}

/** After the guard ran: rolled back by the guard's decision, nothing pending, --confirm refuses. */
function expectRolledBackAtBoot(machine: Machine, backend: string, folder: string): void {
  expectNoGuard(machine, backend);
  const state = `/var/lib/portcullis/${backend}`;
  // The state folder's listing goes with every assertion, so a failure shows which step did not happen.
  const listing = machine.sh(`cd ${state} && for f in *; do printf '%s %s\\n' "$f" "$(readlink "$f" || head -c 80 "$f")"; done`).stdout;
  const decisions = machine.must(`cd ${state} && for d in decision-*; do readlink "$d"; done`).trim().split("\n");
  expect(decisions, listing).toEqual(["confirmed", "rolled-back"]);
  expect(machine.sh(`test -e ${state}/pending`).code, listing).not.toBe(0);
  const late = machine.sh(`sh '${folder}/apply.sh' --confirm`);
  expect(late.code).not.toBe(0);
  expect(late.stderr).toContain("Nothing is waiting for confirmation");
}

describe("ufw: a reboot before the confirmation boots the previous rules", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "ufw", "/lib/ufw/ufw-init");

  // Debian's ufw.service: ExecStart=/lib/ufw/ufw-init start quiet (ufw 0.36.2).
  const UFW_BOOT = "/lib/ufw/ufw-init start quiet";
  const optionsOf = (rs: RuleSet) => ({ ipv6OffOpen: !ufwRenderer.limitations(rs).some((l) => l.id === "ipv6-off-drops-all") });

  test("confirmed A, unconfirmed B, power off: the guard restores A's files before ufw starts", async () => {
    const [a, b] = [sample("locked-down"), sample("blocks-and-limits")];
    const root = new PrivateRoot(cleanups);
    const folders = [unpack(a.document, "ufw", cleanups), unpack(b.document, "ufw", cleanups)] as const;
    let server: Machine | undefined;
    const pending = await verifyBehaviour(b.ruleSet, async (ns) => {
      server = await root.boot(ns);
      server.must("sed -i 's/^IPT_SYSCTL=.*/IPT_SYSCTL=/' /etc/default/ufw");
      const first = server.sh(`sh '${folders[0]}/apply.sh' 600`, "yes\n");
      if (!first.stdout.includes("Confirmed")) return { ...first, code: 1, stderr: `A not confirmed: ${first.stdout}${first.stderr}` };
      expectNoGuard(server, "ufw");
      return server.sh(`sh '${folders[1]}/apply.sh' 600`, "");
    }, labs, optionsOf(b.ruleSet));
    expect(pending).toEqual([]);
    expectGuard(server!, "ufw", "ufw.service");

    let ran: string[] = [];
    let booted: Machine | undefined;
    const after = await verifyBehaviour(a.ruleSet, async (ns) => {
      server!.stop();
      booted = await root.boot(ns);
      ran = startEnabledUnits(booted, "portcullis-guard-", "sysinit.target");
      return booted.sh(UFW_BOOT);
    }, labs, optionsOf(a.ruleSet));
    expect(after).toEqual([]);
    expect(ran).toHaveLength(1);
    expectRolledBackAtBoot(booted!, "ufw", folders[1]);
  }, 240_000);
});

/** A freshly started firewalld keeps a loaded machine busy for a moment: wait until loopback answers. */
async function answering(ns: Netns, rs: RuleSet): Promise<boolean> {
  const probe = { id: "lo", src: "", dst: "127.0.0.1", port: serverPorts(rs).tcp[0]!, proto: "tcp" as const };
  return eventually(() => runProbes(ns, [probe], 2000).get("lo") === "open");
}

describe("firewalld: a reboot before the confirmation boots the previous rules", () => {
  requires("root", "ip", "nsenter", "unshare", "nft", "firewalld", "firewall-cmd", "dbus-daemon");

  // firewalld filters IPv6 even when the profile leaves it off: only ports open to anyone answer there.
  const options = { ipv6OffFiltered: true };

  test("confirmed A (with per-source limits), unconfirmed B, power off: A's zone and limits after the boot", async () => {
    const [a, b] = [sample("blocks-and-limits"), sample("cpanel-typical")];
    const root = new PrivateRoot(cleanups);
    const folders = [unpack(a.document, "firewalld", cleanups), unpack(b.document, "firewalld", cleanups)] as const;
    let server: Machine | undefined;
    const pending = await verifyBehaviour(b.ruleSet, async (ns) => {
      server = await root.boot(ns);
      await startFirewalld(server);
      const first = server.sh(`sh '${folders[0]}/apply.sh' 600`, "yes\n");
      if (!first.stdout.includes("Confirmed")) return { ...first, code: 1, stderr: `A not confirmed: ${first.stdout}${first.stderr}` };
      expectNoGuard(server, "firewalld");
      const second = server.sh(`sh '${folders[1]}/apply.sh' 600`, "");
      return (await answering(ns, b.ruleSet)) ? second : { ...second, code: 1, stderr: "no answer on loopback" };
    }, labs, options);
    expect(pending).toEqual([]);
    expectGuard(server!, "firewalld", "firewalld.service");

    let guards: string[] = [];
    let booted: Machine | undefined;
    const after = await verifyBehaviour(a.ruleSet, async (ns) => {
      server!.stop();
      booted = await root.boot(ns);
      guards = startEnabledUnits(booted, "portcullis-guard-", "sysinit.target");
      startEnabledUnits(booted);
      await startFirewalld(booted);
      return (await answering(ns, a.ruleSet)) ? ok : { ...ok, code: 1, stderr: "no answer on loopback" };
    }, labs, options);
    expect(after).toEqual([]);
    expect(guards).toHaveLength(1);
    expectRolledBackAtBoot(booted!, "firewalld", folders[1]);
  }, 300_000);
});
