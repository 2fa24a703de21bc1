/**
 * Issue 16: 20 namespace servers deployed by the real ansible-playbook with the project's default
 * forks (target < 60 s). The same fleet as tests/ansible/deploy.test.ts: one controller namespace,
 * each server in its own namespace and private root with its own sshd. Each run deploys a new
 * revision (one more blocked address), so every host uploads, applies and confirms over a new
 * connection; a run with nothing changed (changed=0) is timed too.
 */
import { makeProfile, setService } from "@/tests/support/profile";
import type { Backend } from "@/lib/firewall/policy/schema";
import { Fleet, recap } from "@/tests/ansible/fleet";
import { writeProject } from "@/tests/ansible/project";
import { figure, type Figure } from "./lib/figures";
import { requireRoot } from "./lib/namespaces";

const PART = "8 ansible";
const SERVERS = 20;
const BACKENDS: Backend[] = ["nftables", "iptables"];

function profiles(round: number) {
  return Array.from({ length: SERVERS }, (_, i) =>
    makeProfile({ name: `bench-${i + 1}`, ipv4: `10.77.${i + 1}.1`, os: "debian", panel: "froxlor", adminSources: ["203.0.113.0/24"] }, (d) => {
      d.policy.backend = BACKENDS[i % BACKENDS.length]!;
      d.policy.blocked = [{ address: `192.0.2.${round + 1}`, comment: "" }];
      setService(d, "ssh", { access: "anyone" });
    }),
  );
}

export async function benchAnsible(options: { runs: number }): Promise<Figure[]> {
  requireRoot("The Ansible benchmark");
  const cleanups: (() => void)[] = [];
  try {
    const fleet = new Fleet(cleanups);
    for (let i = 0; i < SERVERS; i++) await fleet.addServer();
    const deploy: number[] = [];
    const idle: number[] = [];
    for (let round = 0; round < options.runs; round++) {
      const project = await writeProject(profiles(round), cleanups, `2026-12-02T12:${String(round).padStart(2, "0")}:00Z`);
      for (const [args, into, expectChanged] of [[["site.yml", "-e", "portcullis_confirm_seconds=60"], deploy, true], [["site.yml"], idle, false]] as const) {
        const start = performance.now();
        const r = fleet.playbook(project, [...args]);
        const ms = performance.now() - start;
        const hosts = recap(r.stdout);
        const bad = fleet.servers.filter((s) => !hosts[s.v4] || hosts[s.v4]!.failed > 0 || hosts[s.v4]!.unreachable > 0 || (hosts[s.v4]!.changed > 0) !== expectChanged);
        if (r.code !== 0 || bad.length > 0) throw new Error(`ansible-playbook (${args.join(" ")}) did not deploy every host as expected:\n${r.stdout.slice(-4000)}`);
        into.push(ms);
      }
    }
    const forks = "the project's default forks (ansible.cfg), one play: a canary then 25% batches";
    return [
      figure(PART, `deploy a new revision to ${SERVERS} namespace servers`, "ms", deploy, { target: { op: "<", value: 60_000 }, note: `whole ansible-playbook run, ${forks}; each host uploads its archive, applies, confirms over a new SSH connection and brings back its live file` }),
      figure(PART, `run again with nothing changed (${SERVERS} servers, changed=0)`, "ms", idle, { note: forks }),
    ];
  } finally {
    cleanups.reverse().forEach((c) => c());
  }
}
