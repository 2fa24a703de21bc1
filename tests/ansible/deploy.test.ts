/**
 * The exported Ansible project run by the real ansible-playbook against three namespace servers
 * (nftables, iptables, nftables on another panel, and UFW), each with its own sshd and private root: all deployed and the traffic
 * matrix holds; a second run changes nothing; check mode names a manual change and uploads
 * nothing; a profile that cuts SSH from the controller rolls back by itself, that host fails with
 * a clear message and the others are deployed.
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import type { Backend, ProfileDocument } from "@/lib/firewall/policy/schema";
import { eventually } from "@/tests/support/apply-script";
import { SAMPLE_ADDRESSES } from "@/tests/support/sample-profiles";
import { makeProfile, setService } from "@/tests/support/profile";
import { requires } from "@/tests/support/requires";
import { inboundProbes, mismatches, runProbes, serverPorts, startListener } from "../netns/traffic";
import { Fleet, recap, type Server } from "./fleet";
import { writeProject } from "./project";

const PLAN: [Backend, ProfileDocument["server"]["os"], ProfileDocument["server"]["panel"]][] = [
  ["nftables", "debian", "froxlor"],
  ["iptables", "ubuntu", "cpanel"],
  ["nftables", "almalinux", "cpanel"],
  ["ufw", "ubuntu", "cpanel"],
];
const REMOTE = (b: Backend) => `/var/lib/portcullis/bundle/${b}`;

function profile(i: number, blocked: string[] = [], cutSsh = false): ProfileDocument {
  const [backend, os, panel] = PLAN[i]!;
  return makeProfile({ name: `fleet-${i}-${backend}`, ipv4: `10.77.${i + 1}.1`, os, panel, adminSources: ["203.0.113.0/24"] }, (d) => {
    d.policy.backend = backend;
    d.policy.blocked = blocked.map((address) => ({ address, comment: "" }));
    // With administrator sources SSH starts admin-only; the controller is not one of them.
    setService(d, "ssh", { access: cutSsh ? "admins" : "anyone" });
  });
}

function matrix(server: Server, doc: ProfileDocument): string[] {
  const rs = resolvePolicy(doc, getCatalog(doc.server.panel));
  const { admin, ordinary, blocked } = SAMPLE_ADDRESSES;
  const probes = inboundProbes(rs, [admin, ordinary, blocked].flatMap((a) => [a.v4, a.v6]), server);
  return mismatches(probes, runProbes(fleetRef.controller, probes));
}

let fleetRef: Fleet;

describe("deploy with the real ansible-playbook", () => {
  requires("root", "ansible-playbook", "sshd", "ssh-keygen", "nft", "iptables", "ufw");
  const cleanups: (() => void)[] = [];
  const listeners: ChildProcess[] = [];
  let fleet: Fleet;
  const docs = PLAN.map((_, i) => profile(i));
  let project: string;

  beforeAll(async () => {
    fleet = fleetRef = new Fleet(cleanups);
    for (const doc of docs) {
      const server = await fleet.addServer();
      const ports = serverPorts(resolvePolicy(doc, getCatalog(doc.server.panel)));
      listeners.push(await startListener(server.machine.ns, { tcp: ports.tcp.filter((p) => p !== 22), udp: ports.udp }));
    }
    project = await writeProject(docs, cleanups);
  }, 900_000);
  afterAll(() => {
    listeners.forEach((l) => l.kill("SIGKILL"));
    cleanups.reverse().forEach((c) => c());
  });

  it("(a) deploys every server, confirmed over a new connection; each one's traffic matrix holds", () => {
    const r = fleet.playbook(project, ["site.yml", "-e", "portcullis_confirm_seconds=30"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const hosts = recap(r.stdout);
    for (const s of fleet.servers) expect(hosts[s.v4], r.stdout).toMatchObject({ failed: 0, unreachable: 0 });
    fleet.servers.forEach((s, i) => {
      expect(s.machine.sh(`ls /var/lib/portcullis/${PLAN[i]![0]}/pending`).code, "no rollback left pending").not.toBe(0);
      expect(matrix(s, docs[i]!), `${PLAN[i]!.join(" ")} matrix`).toEqual([]);
      // verify.sh's live file, brought back whole (it ends with the apply section and a newline).
      const live = readFileSync(`${project}/live/${s.v4}.txt`, "utf8");
      expect(live).toMatch(new RegExp(`^# portcullis-live format 1\nbackend=${PLAN[i]![0]}\n`));
      expect(live).toMatch(/=== END apply status=0 ===\n$/);
    });
  }, 900_000);

  it("(c) a second run with nothing changed reports changed=0 on every host", () => {
    const r = fleet.playbook(project, ["site.yml"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const hosts = recap(r.stdout);
    for (const s of fleet.servers) expect(hosts[s.v4], r.stdout).toMatchObject({ changed: 0, failed: 0 });
  }, 900_000);

  it("(d) check mode names a manual change on one host and uploads nothing", () => {
    const [nft] = fleet.servers;
    nft!.machine.must(`echo '# changed by hand' >> ${REMOTE("nftables")}/portcullis.nft`);
    const r = fleet.playbook(project, ["site.yml", "--check", "--diff"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const hosts = recap(r.stdout);
    expect(hosts[nft!.v4]!.changed, r.stdout).toBeGreaterThan(0);
    for (const s of fleet.servers.slice(1)) expect(hosts[s.v4], r.stdout).toMatchObject({ changed: 0 });
    expect(r.stdout).toContain(`${nft!.v4}: would upload the changed files above and apply them`);
    expect(nft!.machine.must(`tail -n 1 ${REMOTE("nftables")}/portcullis.nft`)).toBe("# changed by hand\n");
  }, 900_000);

  it("(b) a profile that cuts SSH from the controller rolls back by itself; that host fails, the others are deployed", async () => {
    // The cut host is the UFW one: last in the inventory, so in the last batch (four hosts: the
    // canary, then batches of one), and a failed batch ends the run, so every other host has had its turn.
    const next = PLAN.map((_, i) => profile(i, ["192.0.2.77"], i === 3));
    const again = await writeProject(next, cleanups, "2026-11-23T12:00:00Z");
    const r = fleet.playbook(again, ["site.yml", "-e", "portcullis_confirm_seconds=20"]);
    expect(r.code, r.stdout).not.toBe(0);
    const hosts = recap(r.stdout);
    const cut = fleet.servers[3]!;
    const others = fleet.servers.slice(0, 3);
    for (const s of others) expect(hosts[s.v4], r.stdout).toMatchObject({ failed: 0, unreachable: 0 });
    expect(hosts[cut.v4]!.failed, r.stdout).toBe(1);
    expect(r.stdout).toContain(`A new SSH connection to ${cut.v4} failed after the apply, so it was not confirmed`);
    // The rollback restores the previous rules by itself: SSH from the controller gets in again.
    const ssh = [{ id: "ssh", src: cut.controllerV4, dst: cut.v4, port: 22, proto: "tcp" as const }];
    expect(await eventually(() => runProbes(fleet.controller, ssh).get("ssh") === "open")).toBe(true);
    expect(await eventually(() => cut.machine.sh(`ls /var/lib/portcullis/${PLAN[3]![0]}/pending`).code !== 0)).toBe(true);
    expect(matrix(cut, docs[3]!), "the previous UFW rules are back").toEqual([]);
    others.forEach((s, i) => expect(matrix(s, next[i]!), `${PLAN[i]!.join(" ")} has the new rules`).toEqual([]));
    expect(readFileSync(`${again}/site.yml`, "utf8")).toContain("max_fail_percentage");
  }, 900_000);
});
