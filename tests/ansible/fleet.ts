/**
 * A fleet for the real ansible-playbook (root): one controller namespace, which also holds the
 * sample client addresses for the traffic matrix, joined by a veth pair to each server namespace.
 * Server i has 10.77.i.1 and fd77:i::1 and runs its own sshd (own host key, authorized_keys in a
 * temp folder) inside a PrivateRoot Machine, so an apply writes only that server's private copies.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLIENT_ADDRESSES } from "@/tests/support/behaviour";
import { Machine, PrivateRoot } from "@/tests/support/private-root";
import { Netns, run, uniqueName, type RunResult } from "../netns/netns";

export type Server = { machine: Machine; v4: string; v6: string; controllerV4: string };

function must(cmd: string, args: string[]): void {
  const r = run(cmd, args);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
}

function sshdConfig(dir: string): string {
  return [
    "Port 22", "ListenAddress 0.0.0.0", "ListenAddress ::", `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`,
    "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
    "StrictModes no", "PidFile none", "Subsystem sftp internal-sftp", "",
  ].join("\n");
}

export class Fleet {
  readonly controller: Netns;
  readonly dir: string;
  readonly servers: Server[] = [];
  private readonly daemons: ChildProcess[] = [];

  constructor(private readonly cleanups: (() => void)[]) {
    this.dir = mkdtempSync(join(tmpdir(), "pc-fleet-"));
    this.controller = new Netns("c");
    cleanups.push(() => this.destroy());
    for (const a of CLIENT_ADDRESSES) this.controller.must("ip", a.includes(":") ? ["-6", "addr", "add", `${a}/128`, "dev", "lo"] : ["addr", "add", `${a}/32`, "dev", "lo"]);
    must("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(this.dir, "id")]);
  }

  /** Add a server with its own private root and sshd; resolves once sshd listens. */
  async addServer(): Promise<Server> {
    const i = this.servers.length + 1;
    const ns = new Netns("s");
    this.cleanups.push(() => ns.destroy());
    const vs = uniqueName("v");
    must("ip", ["link", "add", vs, "netns", ns.name, "type", "veth", "peer", "name", `${vs}c`, "netns", this.controller.name]);
    const [v4, v6, controllerV4] = [`10.77.${i}.1`, `fd77:${i}::1`, `10.77.${i}.2`];
    ns.must("ip", ["addr", "add", `${v4}/24`, "dev", vs]);
    ns.must("ip", ["-6", "addr", "add", `${v6}/64`, "dev", vs, "nodad"]);
    this.controller.must("ip", ["addr", "add", `${controllerV4}/24`, "dev", `${vs}c`]);
    this.controller.must("ip", ["-6", "addr", "add", `fd77:${i}::2/64`, "dev", `${vs}c`, "nodad"]);
    ns.must("ip", ["link", "set", vs, "up"]);
    this.controller.must("ip", ["link", "set", `${vs}c`, "up"]);
    ns.must("ip", ["route", "add", "default", "dev", vs]);
    // Via the controller's address: IPv6 neighbour discovery, unlike ARP, answers only for addresses
    // on the asking interface, and the client addresses sit on the controller's loopback.
    ns.must("ip", ["-6", "route", "add", "default", "via", `fd77:${i}::2`, "dev", vs]);
    const machine = await new PrivateRoot(this.cleanups).boot(ns);
    const dir = join(this.dir, `sshd${i}`);
    mkdirSync(dir);
    must("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "host_key")]);
    must("cp", [join(this.dir, "id.pub"), join(dir, "authorized_keys")]);
    writeFileSync(join(dir, "sshd_config"), sshdConfig(dir));
    const sshd = machine.spawn(`mkdir -p -m 755 /run/sshd && exec /usr/sbin/sshd -D -e -f ${dir}/sshd_config`);
    this.daemons.push(sshd);
    await new Promise<void>((resolve, reject) => {
      let err = "";
      sshd.stderr?.on("data", (d: Buffer) => ((err += d.toString()), err.includes("Server listening on") && resolve()));
      sshd.once("exit", (code) => reject(new Error(`sshd exited ${code}: ${err}`)));
    });
    const server = { machine, v4, v6, controllerV4 };
    this.servers.push(server);
    return server;
  }

  /** ansible-playbook from the controller, in `project`, with this fleet's key and private temp folders. */
  playbook(project: string, args: string[]): RunResult {
    const env = [
      `ANSIBLE_PRIVATE_KEY_FILE=${this.dir}/id`, "ANSIBLE_REMOTE_USER=root", "ANSIBLE_REMOTE_TEMP=/run/ansible-tmp",
      `ANSIBLE_LOCAL_TEMP=${this.dir}/local-tmp`, `ANSIBLE_SSH_CONTROL_PATH_DIR=${this.dir}/cp`, "ANSIBLE_NOCOLOR=1", "ANSIBLE_FORCE_COLOR=0",
      `ANSIBLE_SSH_ARGS=-o ControlMaster=auto -o ControlPersist=60s -o IdentitiesOnly=yes -o UserKnownHostsFile=${this.dir}/known_hosts -o StrictHostKeyChecking=accept-new`,
    ];
    // Output to a file: ssh's persistent control master keeps inherited pipes open after the run.
    const log = join(this.dir, "playbook.log");
    const r = this.controller.exec("sh", ["-c", `cd "$1" && shift && env ${env.map((e) => `'${e}'`).join(" ")} ansible-playbook "$@" >"${log}" 2>&1`, "sh", project, ...args]);
    return { ...r, stdout: readFileSync(log, "utf8") };
  }

  destroy(): void {
    for (const d of this.daemons) d.kill("SIGKILL");
    // The controller's ssh control masters (started by ansible-playbook in that namespace).
    for (const pid of run("ip", ["netns", "pids", this.controller.name]).stdout.split("\n").filter(Boolean)) run("kill", ["-KILL", pid]);
    this.controller.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export type Recap = Record<string, Record<"ok" | "changed" | "unreachable" | "failed" | "skipped" | "rescued" | "ignored", number>>;

/** The PLAY RECAP lines, per host. */
export function recap(output: string): Recap {
  const result: Recap = {};
  for (const m of output.matchAll(/^(\S+)\s+:\s+((?:\w+=\d+\s*)+)$/gm)) {
    result[m[1]!] = Object.fromEntries([...m[2]!.matchAll(/(\w+)=(\d+)/g)].map((p) => [p[1], Number(p[2])])) as Recap[string];
  }
  return result;
}
