/**
 * Throw-away network namespaces for the firewall tests (root only). Every name carries the test
 * process id and a counter, so parallel runs never share a namespace, and `destroy` is safe to
 * call twice (afterAll runs it even when a test failed).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type RunResult = { code: number; stdout: string; stderr: string };

export function run(cmd: string, args: string[], input?: string): RunResult {
  const r = spawnSync(cmd, args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // A process ended by a signal has no status: say which signal, or the failure reads as an empty message.
  const signal = r.signal ? ` (${cmd} ended by ${r.signal})` : "";
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") + signal };
}

function must(cmd: string, args: string[], input?: string): string {
  const r = run(cmd, args, input);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

let counter = 0;
/** A name unique to this process: `pc<pid>-<n><suffix>`, short enough for interface names too. */
export function uniqueName(suffix: string): string {
  counter += 1;
  return `pc${process.pid}-${counter}${suffix}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove namespaces our naming scheme left behind when a test process was killed before its
 * afterAll ran: only `pc<pid>-…` names whose process no longer exists.
 */
export function sweepStaleNamespaces(): void {
  for (const line of run("ip", ["netns", "list"]).stdout.split("\n")) {
    const m = /^(pc(\d+)-\d+[a-z]+)\b/.exec(line);
    if (m?.[1] && !isAlive(Number(m[2]))) run("ip", ["netns", "del", m[1]]);
  }
}

export class Netns {
  readonly name: string;
  private destroyed = false;

  constructor(suffix = "ns") {
    if (counter === 0) sweepStaleNamespaces();
    this.name = uniqueName(suffix);
    must("ip", ["netns", "add", this.name]);
    must("ip", ["-n", this.name, "link", "set", "lo", "up"]);
  }

  exec(cmd: string, args: string[], input?: string): RunResult {
    return run("ip", ["netns", "exec", this.name, cmd, ...args], input);
  }

  /** Like exec, but throws with the tool's own output on a non-zero exit. */
  must(cmd: string, args: string[], input?: string): string {
    return must("ip", ["netns", "exec", this.name, cmd, ...args], input);
  }

  /** Run a shell script (from a temp file) inside the namespace. */
  script(body: string, args: string[] = []): RunResult {
    const dir = mkdtempSync(join(tmpdir(), "pc-sh-"));
    const file = join(dir, "run.sh");
    writeFileSync(file, body, { mode: 0o755 });
    try {
      return this.exec("sh", [file, ...args]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  spawn(cmd: string, args: string[]): ChildProcess {
    return spawn("ip", ["netns", "exec", this.name, cmd, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    run("ip", ["netns", "del", this.name]);
  }
}

export type Pair = { server: Netns; client: Netns; serverV4: string; serverV6: string; destroy(): void };

/**
 * Server and client joined by a veth pair. The client holds every given address; both sides use
 * an on-link default route, so any address reaches the other side without routers.
 */
export function createPair(clientAddresses: string[]): Pair {
  const server = new Netns("s");
  let client: Netns | undefined;
  try {
    client = new Netns("c");
    const vs = uniqueName("v");
    const vc = `${vs}c`;
    must("ip", ["link", "add", vs, "netns", server.name, "type", "veth", "peer", "name", vc, "netns", client.name]);
    const serverV4 = "10.77.0.1";
    const serverV6 = "fd77::1";
    server.must("ip", ["addr", "add", `${serverV4}/24`, "dev", vs]);
    server.must("ip", ["-6", "addr", "add", `${serverV6}/64`, "dev", vs, "nodad"]);
    for (const a of clientAddresses) {
      client.must("ip", a.includes(":") ? ["-6", "addr", "add", `${a}/128`, "dev", vc, "nodad"] : ["addr", "add", `${a}/32`, "dev", vc]);
    }
    client.must("ip", ["addr", "add", "10.77.0.2/24", "dev", vc]);
    client.must("ip", ["-6", "addr", "add", "fd77::2/64", "dev", vc, "nodad"]);
    server.must("ip", ["link", "set", vs, "up"]);
    client.must("ip", ["link", "set", vc, "up"]);
    for (const [ns, dev] of [[server, vs], [client, vc]] as const) {
      ns.must("ip", ["route", "add", "default", "dev", dev]);
      ns.must("ip", ["-6", "route", "add", "default", "dev", dev]);
    }
    const c = client;
    return { server, client: c, serverV4, serverV6, destroy: () => { server.destroy(); c.destroy(); } };
  } catch (e) {
    server.destroy();
    client?.destroy();
    throw e;
  }
}
