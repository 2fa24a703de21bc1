// `npm start`: data folder, migrations, auth secret, build if stale, then `next start` in worker
// processes (scripts/serve.mjs).
import { spawn } from "node:child_process";
import path from "node:path";
import { isBuildFresh, markBuilt, sourceHash } from "./lib/build-state";
import { StartupError } from "./lib/database";
import { prepare, runMain, serverEnv } from "./lib/prepare";
import { BIN, ROOT, runNode } from "./lib/run";

async function build(): Promise<void> {
  const hash = sourceHash();
  if (isBuildFresh(hash)) {
    console.log("Using the existing production build.");
    return;
  }
  console.log("Building Portcullis (first start or changed sources; this takes a minute or two)…");
  for (const args of [["generate"], []]) {
    const bin = args.length ? BIN.prisma : BIN.next;
    const result = await runNode(bin, args.length ? args : ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.code !== 0) throw new StartupError(`The build failed (see the output above). Fix the error and run npm start again.`);
  }
  markBuilt(hash);
}

async function main(): Promise<void> {
  const prepared = await prepare();
  await build();

  const { port } = prepared;
  const args = [path.join(ROOT, "scripts", "serve.mjs"), "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: serverEnv(prepared, "production") });
  console.log(`Portcullis is starting on http://localhost:${port}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

runMain(main);
