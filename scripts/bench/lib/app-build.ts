/**
 * A production build of the committed code (HEAD) in a scratch copy, so the web and browser
 * measurements never race another engineer's `next build` in the working tree. The copy lives
 * in the system temp folder, keyed by the app's inputs at HEAD, and is reused until they change.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./child";

const PREFIX = "portcullis-bench-app-";
/** What `next build` and the migrations read (as scripts/lib/build-state.ts), so a commit touching only tests reuses the build. */
const INPUTS = ["app", "components", "lib", "public", "prisma", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];

/** The commit every part of one bench run builds from, even when HEAD moves during the run. */
let pinned: string | undefined;

/** The commit this bench run measures (HEAD when first asked). */
export function pinnedCommit(): string {
  pinned ??= execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  return pinned;
}

function inputsKey(commit: string): string {
  const listing = execFileSync("git", ["ls-tree", commit, "--", ...INPUTS], { cwd: ROOT, encoding: "utf8" });
  return createHash("sha256").update(listing).digest("hex").slice(0, 12);
}

function step(what: string, cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${(r.stdout ?? "").slice(-3000)}${(r.stderr ?? "").slice(-3000)}`);
}

/** The folder of a built snapshot of HEAD (builds it on first use: a few minutes on 2 cores). */
export function prepareApp(log: (line: string) => void): string {
  const commit = pinnedCommit();
  const key = inputsKey(commit);
  const dir = path.join(os.tmpdir(), `${PREFIX}${key}`);
  const ready = path.join(dir, ".bench-ready");
  if (fs.existsSync(ready)) return dir;
  // Keep at most one other snapshot (an older commit's), drop the rest.
  const others = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(PREFIX) && n !== `${PREFIX}${key}`);
  const byAge = others.map((n) => ({ n, t: fs.statSync(path.join(os.tmpdir(), n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n } of byAge.slice(1)) fs.rmSync(path.join(os.tmpdir(), n), { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`building a production snapshot of ${commit.slice(0, 12)} in ${dir}`);
  step("git archive", "sh", ["-c", `git -C '${ROOT}' archive --format=tar ${commit} | tar -x -C '${dir}'`], ROOT);
  // Hard links: the same packages without copying 800 MB (same file system as the checkout).
  step("linking node_modules", "cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")], ROOT);
  step("prisma generate", process.execPath, ["node_modules/prisma/build/index.js", "generate"], dir);
  step("next build", process.execPath, ["node_modules/next/dist/bin/next", "build"], dir);
  fs.writeFileSync(ready, commit);
  return dir;
}
