/**
 * Throw-away namespaces for the apply and per-packet measurements, built on the test helpers
 * (tests/netns). Every namespace made here is registered and deleted at exit, on Ctrl-C and on a
 * crash, so a failed run leaves nothing behind.
 */
import { createPair, isRoot, Netns, type Pair, type RunResult } from "@/tests/netns/netns";

const live = new Set<{ destroy(): void }>();

function cleanup(): void {
  for (const item of live) item.destroy();
  live.clear();
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", cleanup);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
}

export function requireRoot(what: string): void {
  if (!isRoot) throw new Error(`${what} needs root (network namespaces); run npm run bench as root`);
}

/** A fresh, empty namespace; call `release` when done (also released at exit). */
export function freshNamespace(): Netns {
  hookExit();
  const ns = new Netns("b");
  live.add(ns);
  return ns;
}

export function freshPair(): Pair {
  hookExit();
  const pair = createPair([]);
  live.add(pair);
  return pair;
}

export function release(item: { destroy(): void }): void {
  item.destroy();
  live.delete(item);
}

/** Run `fn` with a fresh namespace that is deleted afterwards, even when `fn` throws. */
export function withNamespace<T>(fn: (ns: Netns) => T): T {
  const ns = freshNamespace();
  try {
    return fn(ns);
  } finally {
    release(ns);
  }
}

/**
 * Wall time of a shell script inside the namespace, measured in there (so the cost of entering
 * the namespace is not counted). Throws with the script's output when it fails.
 */
export function timeScript(ns: Netns, body: string): number {
  return timeWith((script) => ns.script(script), body, ns.name);
}

/** Like {@link timeScript}, for any shell runner (e.g. a private-root server's `sh`). */
export function timeWith(run: (script: string) => RunResult, body: string, where: string): number {
  const script = `set -e\nstart=$(date +%s%N)\n${body}\nend=$(date +%s%N)\necho "BENCH_NS $((end - start))"\n`;
  const r = run(script);
  const match = /BENCH_NS (\d+)/.exec(r.stdout);
  if (r.code !== 0 || !match) throw new Error(`script failed in ${where} (${r.code}): ${r.stderr.slice(0, 2000)}`);
  return Number(match[1]) / 1e6;
}
