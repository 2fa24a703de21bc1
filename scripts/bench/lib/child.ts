/**
 * Measurements that need their own process (peak RSS per run, a cold start) run in
 * `scripts/bench/worker.ts`, which prints one JSON line as its result.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export const BENCH_DIR = path.resolve(__dirname, "..");
export const ROOT = path.resolve(BENCH_DIR, "..", "..");

export type WorkerResult = Record<string, number | number[]>;

/** Runs one worker task in a fresh Node process (with tsx) and returns its JSON result. */
export function runWorker(task: string, args: Record<string, unknown> = {}): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // tsx's CommonJS hook runs in the worker's own thread; `--import tsx` adds a loader thread (a V8
    // isolate of its own, about 25 MB) to every peak RSS measured here, which the app never runs.
    const child = spawn(process.execPath, ["--require", "tsx/cjs", path.join(BENCH_DIR, "worker.ts"), task, JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) return reject(new Error(`worker ${task} failed (${code}): ${err.trim() || out.trim()}`));
      resolve(JSON.parse(last) as WorkerResult);
    });
  });
}
