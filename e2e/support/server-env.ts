import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A port the OS says is free right now (asked synchronously, since the config is synchronous). */
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
}

/**
 * One throw-away database, secret and port per test run. Kept in process.env so the worker
 * processes, which load the config again, see the same values.
 */
export function e2eServerEnv(): { dir: string; port: number; secret: string } {
  if (!process.env.E2E_DATA_DIR) {
    process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-e2e-"));
    let port = freePort();
    while (port === 3000) port = freePort();
    process.env.E2E_PORT = String(port);
    process.env.E2E_SECRET = randomBytes(32).toString("base64url");
  }
  return { dir: process.env.E2E_DATA_DIR, port: Number(process.env.E2E_PORT), secret: process.env.E2E_SECRET ?? "" };
}
