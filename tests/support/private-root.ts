/**
 * A namespaced "server" with a file system of its own (root only): overlays over /etc, /var/lib
 * and /var/log whose writes land in private folders, and a fresh tmpfs on /run, held by one
 * process in the server's network namespace. Every command of that server runs in the same mount
 * and network namespaces, so an apply.sh can write /etc/nftables.conf, start firewalld or enable
 * a service while the test machine's own files never change.
 *
 * The private folders outlive a boot: `boot(ns)` of the same PrivateRoot in a NEW network
 * namespace (empty kernel state) sees what the previous boot wrote, which is a simulated reboot.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, type Netns, type RunResult } from "../netns/netns";

/** The paths a server writes; each gets an overlay with a private upper folder. */
export const PRIVATE_PATHS = ["/etc", "/var/lib", "/var/log"] as const;

const label = (path: string) => path.slice(1).replaceAll("/", "-");

function mountNamespace(pid: number): string | undefined {
  try {
    // A zombie has no namespaces left: it counts as gone.
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return undefined;
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** A process that has exited (gone, or a zombie waiting for its parent) is not alive. */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Process ids whose mount namespace is `ns` (the holder, daemons, detached timers). */
function processesIn(ns: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => mountNamespace(pid) === ns);
}

export class PrivateRoot {
  /** Holds `<path>/upper` and `<path>/work` for every private path. */
  readonly dir: string;
  private readonly machines: Machine[] = [];

  constructor(cleanups: (() => void)[]) {
    this.dir = mkdtempSync(join(tmpdir(), "pc-root-"));
    for (const path of PRIVATE_PATHS) for (const part of ["upper", "work"]) mkdirSync(join(this.dir, label(path), part), { recursive: true });
    cleanups.push(() => this.destroy());
  }

  /** Start a server in `ns` on this file system; a previous boot must be stopped first. */
  async boot(ns: Netns): Promise<Machine> {
    if (this.machines.some((m) => m.running)) throw new Error("stop the running boot before booting again");
    const mounts = PRIVATE_PATHS.map((path) => {
      const d = join(this.dir, label(path));
      return `mount -t overlay pc-${label(path)} -o 'lowerdir=${path},upperdir=${d}/upper,workdir=${d}/work' ${path}`;
    });
    const script = ["set -e", ...mounts, "mount -t tmpfs -o mode=0755 pc-run /run", "echo ready", "exec sleep infinity"].join("\n");
    const holder = spawn("ip", ["netns", "exec", ns.name, "unshare", "--mount", "--propagation", "private", "sh", "-c", script], { stdio: ["ignore", "pipe", "pipe"] });
    const machine = new Machine(holder, ns);
    this.machines.push(machine);
    await machine.ready;
    return machine;
  }

  destroy(): void {
    this.machines.forEach((m) => m.stop());
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One boot of a PrivateRoot: run commands on it, read its files, stop it. */
export class Machine {
  readonly ready: Promise<void>;
  private namespace: string | undefined;
  private stopped = false;

  constructor(private readonly holder: ChildProcess, readonly ns: Netns) {
    this.ready = new Promise((resolve, reject) => {
      let err = "";
      holder.stderr?.on("data", (d: Buffer) => (err += d.toString()));
      holder.stdout?.on("data", (d: Buffer) => {
        if (!d.toString().includes("ready")) return;
        this.namespace = mountNamespace(this.pid);
        resolve();
      });
      holder.once("exit", (code) => reject(new Error(`private root did not start (${code}): ${err.trim()}`)));
    });
  }

  get pid(): number {
    if (this.holder.pid === undefined) throw new Error("the private root's holder has no process id");
    return this.holder.pid;
  }

  get running(): boolean {
    return !this.stopped;
  }

  private enter(script: string): string[] {
    return ["--target", String(this.pid), "--mount", "--net", "--", "sh", "-c", script];
  }

  /** Run a shell script on this server (its network and file system). */
  sh(script: string, input?: string): RunResult {
    return run("nsenter", this.enter(script), input);
  }

  /** Like `sh`, but throws with the output on a non-zero exit. */
  must(script: string, input?: string): string {
    const r = this.sh(script, input);
    if (r.code !== 0) throw new Error(`${script} failed (${r.code}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Start a long-running script on this server (stdin kept open). */
  spawn(script: string): ChildProcess {
    return spawn("nsenter", this.enter(script), { stdio: ["pipe", "pipe", "pipe"] });
  }

  /** The host path under which this server's `path` can be read or written (/proc/PID/root). */
  path(path: string): string {
    return `/proc/${this.pid}/root${path}`;
  }

  /** Power off: every process of this server (daemons, timers) is killed, its mounts go with them. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const ns = this.namespace;
    // A holder that already exited took the namespace with it: its number may be another's by now.
    const holderAlive = this.holder.exitCode === null && this.holder.signalCode === null;
    if (ns !== undefined && holderAlive && ns !== mountNamespace(process.pid)) {
      // Kill until none is left (a dying daemon may still start a child), then until all have exited.
      // The holder goes last: while it lives the namespace does, so its number (mnt:[inode]) cannot
      // be handed to a new namespace, such as another test's `ip netns exec`, whose processes this
      // loop would then kill (seen in CI: another test's probe agent ended by SIGKILL).
      const others = () => processesIn(ns).filter((pid) => pid !== this.holder.pid);
      const killed = new Set<number>();
      for (let pids = others(), rounds = 0; pids.length > 0 && rounds < 500; pids = others(), rounds += 1) {
        pids.forEach((pid) => (killed.add(pid), run("kill", ["-KILL", String(pid)])));
        Atomics.wait(PAUSE, 0, 0, 10);
      }
      for (let rounds = 0; [...killed].some(isAlive) && rounds < 500; rounds += 1) Atomics.wait(PAUSE, 0, 0, 10);
    }
    this.holder.kill("SIGKILL");
    // Wait until the holder has exited: the kernel takes a killed process's mounts down as it
    // exits, not when the signal is sent. A next boot that mounted the same upper folders while
    // this boot's overlays still existed would share them between two mounts, which overlayfs
    // leaves undefined (seen in CI: a file the boot guard removed still read as present).
    // Node reaps its children only on the event loop, so the pid stays ours (a zombie) meanwhile.
    if (holderAlive) for (let rounds = 0; isAlive(this.pid) && rounds < 1000; rounds += 1) Atomics.wait(PAUSE, 0, 0, 10);
  }
}
