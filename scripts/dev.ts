// `npm run dev`: the same data folder, migrations and auth secret as `npm start` (so a session
// signed by next-auth is one the proxy and getUser can read), then `next dev`.
import { spawn } from "node:child_process";
import { prepare, runMain, serverEnv } from "./lib/prepare";
import { BIN, ROOT } from "./lib/run";

async function main(): Promise<void> {
  const prepared = await prepare();
  const args = [BIN.next, "dev", "-p", prepared.port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: serverEnv(prepared, "development") });
  console.log(`Portcullis (development) is starting on http://localhost:${prepared.port}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

runMain(main);
