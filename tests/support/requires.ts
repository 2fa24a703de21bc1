/**
 * What a test needs from the machine, stated where the test is. Call `requires(...)` at the top of
 * a describe block (or a file): when something is missing, every test there is reported as skipped
 * with the reason ("needs root, ufw"); under CI (`CI` set) a missing requirement fails the test
 * instead, so CI can never pass by skipping.
 */
import { spawnSync } from "node:child_process";
import { beforeEach } from "vitest";

/** `root` (network namespaces, mounts) or the name of a command that must be on PATH. */
export type Requirement = "root" | (string & {});

const found = new Map<string, boolean>();

function has(requirement: Requirement): boolean {
  if (requirement === "root") return typeof process.getuid === "function" && process.getuid() === 0;
  let known = found.get(requirement);
  if (known === undefined) {
    known = spawnSync("sh", ["-c", 'command -v "$1" >/dev/null 2>&1', "sh", requirement]).status === 0;
    found.set(requirement, known);
  }
  return known;
}

/** The requirements this machine does not meet, in the order given. */
export function unmet(requirements: readonly Requirement[]): Requirement[] {
  return requirements.filter((r) => !has(r));
}

/** Why a test cannot run here, or null when it can. */
export function skipReason(requirements: readonly Requirement[]): string | null {
  const missing = unmet(requirements);
  return missing.length === 0 ? null : `needs ${missing.join(", ")}`;
}

export const underCi = (): boolean => Boolean(process.env.CI);

/** Registers the check for every test of the enclosing describe block (or file). */
export function requires(...requirements: Requirement[]): void {
  const reason = skipReason(requirements);
  if (reason === null) return;
  beforeEach((ctx) => {
    if (underCi()) throw new Error(`CI must run this test, but the machine lacks what it ${reason}`);
    ctx.skip(reason);
  });
}
