/**
 * Runs a bundle's real verify.sh inside an ApplyHarness namespace (with the harness's state folder
 * and prelude, plus `extra` shell lines) and compares the file it writes with a profile.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { parseLiveFile, verifyLive, type LiveFile, type VerifyResult } from "@/lib/firewall/verify";
import type { ApplyHarness, Cleanups } from "./apply-script";

export function runVerifyScript(h: ApplyHarness, folder: string, cleanups: Cleanups, prelude: string, extra = ""): { text: string; live: LiveFile } {
  const out = mkdtempSync(join(tmpdir(), "pc-live-"));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const r = h.ns.exec("sh", ["-c", `${prelude}\n${extra}\nPORTCULLIS_STATE_DIR='${h.state}' sh '${folder}/verify.sh' '${out}'`]);
  if (r.code !== 0) throw new Error(`verify.sh failed (${r.code}): ${r.stderr}${r.stdout}`);
  const [name] = readdirSync(out);
  if (!name || !/^portcullis-live-[A-Za-z0-9_.-]+-\d{8}T\d{6}Z\.txt$/.test(name)) throw new Error(`verify.sh wrote ${name}`);
  const text = readFileSync(join(out, name), "utf8");
  const parsed = parseLiveFile(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { text, live: parsed.live };
}

/** The drift as `[kind] message` lines: what a test asserts exactly. */
export function driftLines(document: ProfileDocument, live: LiveFile): string[] {
  return verifyLive(document, live).drift.map((d) => `[${d.kind}] ${d.message}`);
}

export type { VerifyResult };

/** Runs a bundle's verify.sh on a private-root server (tests/support/private-root.ts) and reads the file it writes. */
export function verifyOnMachine(machine: { must(script: string): string }, folder: string, cleanups: Cleanups): LiveFile {
  const out = mkdtempSync(join(tmpdir(), "pc-live-"));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  machine.must(`sh '${folder}/verify.sh' '${out}'`);
  const [name] = readdirSync(out);
  const parsed = parseLiveFile(readFileSync(join(out, name!), "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.live;
}
