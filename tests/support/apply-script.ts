/**
 * Runs a bundle's real apply.sh inside a throw-away network namespace (docs/backends.md §9): the
 * bundle is unpacked to a temp folder, the state folder is private, /etc is a private copy (bound
 * over /etc inside `ip netns exec`'s own mount namespace, so the boot files a confirmed apply
 * installs never reach the test machine), and `prelude` (shell lines) runs first in the same
 * `ip netns exec`, e.g. fake commands first on PATH or private bind mounts.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Backend, ProfileDocument } from "@/lib/firewall/policy/schema";
import { bundleEntries, slugify } from "@/lib/firewall/bundle";
import { Netns, run, type RunResult } from "../netns/netns";

export type Cleanups = (() => void)[];

/** The bundle folder of `backend` for `document`, unpacked with its modes. */
export function unpack(document: ProfileDocument, backend: Backend, cleanups: Cleanups): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-apply-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const e of bundleEntries(document, { generatedAt: "2026-11-22T12:00:00Z", productVersion: "test", backends: [backend] })) {
    const path = join(dir, e.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, e.content, { mode: e.mode });
  }
  return join(dir, slugify(document.server.name), backend);
}

/** A folder of executable fake commands (name → shell body), to put first on PATH. */
export function fakeCommands(commands: Record<string, string>, cleanups: Cleanups): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-fake-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  for (const [name, body] of Object.entries(commands)) writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

const poll = () => new Promise((r) => setTimeout(r, 100));

/** Waits (up to 60 s) until `done()` holds; answers whether it did. */
export async function eventually(done: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await poll()) if (done()) return true;
  return done();
}

export type ExitedRun = RunResult & { exited: Promise<number> };

export class ApplyHarness {
  readonly ns: Netns;
  readonly state: string;
  /** The private copy bound over /etc for every command of this harness. */
  readonly etc: string;

  constructor(cleanups: Cleanups, private readonly prelude = "") {
    this.ns = new Netns("r");
    this.state = mkdtempSync(join(tmpdir(), "pc-state-"));
    const copy = mkdtempSync(join(tmpdir(), "pc-etc-"));
    this.etc = join(copy, "etc");
    cleanups.push(() => this.ns.destroy(), () => rmSync(this.state, { recursive: true, force: true }), () => rmSync(copy, { recursive: true, force: true }));
    if (run("cp", ["-a", "/etc", this.etc]).code !== 0) throw new Error("cannot copy /etc");
  }

  private command(folder: string, args: string): string {
    return `mount --bind '${this.etc}' /etc || exit 97\n${this.prelude}\nPORTCULLIS_STATE_DIR='${this.state}' sh '${folder}/apply.sh' ${args}`;
  }

  apply(folder: string, args: string, input = ""): RunResult {
    return this.ns.exec("sh", ["-c", this.command(folder, args)], input);
  }

  /** Start apply.sh and keep its stdin open, to answer later; `out` grows as it prints. */
  start(folder: string, args: string): { answer(text: string): void; out: () => string; exited: Promise<number> } {
    const child = spawn("ip", ["netns", "exec", this.ns.name, "sh", "-c", this.command(folder, args)], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
    return { answer: (text) => child.stdin.end(text), out: () => out, exited };
  }

  /** The armed timer is a detached `sh STATE/rollback.sh`; it has decided once it is gone. */
  timerRunning(): boolean {
    return run("pgrep", ["-f", `${this.state}/rollback.sh`]).code === 0;
  }

  pendingToken(): string | undefined {
    const file = join(this.state, "pending");
    return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
  }

  decision(token: string): string | undefined {
    const r = run("readlink", [join(this.state, `decision-${token}`)]);
    return r.code === 0 ? r.stdout.trim() : undefined;
  }
}
