/** A verify result as the text the CLI prints (the dashboard renders the same items itself). */
import type { VerifyResult } from "./compare";

export function formatVerdict(result: VerifyResult, revision?: { number: number; matches: number | null }): string {
  const name = revision ? `revision ${revision.number}` : "the profile";
  const head = result.inSync
    ? `In sync with ${name}: ${result.host} (${result.backend}), live state of ${result.time}.`
    : `Drift from ${name}: ${result.host} (${result.backend}), live state of ${result.time}, ${result.drift.length} difference(s):`;
  const lines = [head, ...result.drift.map((d) => `  - [${d.kind}] ${d.message}`)];
  if (revision?.matches != null) lines.push(`The live rules match revision ${revision.matches}.`);
  if (result.foreign.length > 0) lines.push("Foreign (not ours, left out of the verdict):", ...result.foreign.map((f) => `  - ${f}`));
  lines.push(...result.notes.map((n) => `Note: ${n}`));
  return lines.join("\n");
}
