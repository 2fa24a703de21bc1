/** The in-process half of the verify benchmark (issue 15): a live file's text to a verdict, timed. */
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import type { Drift } from "@/lib/firewall/verify/diff";
import { timed } from "./figures";

/** Live file → verdict, `runs` times after one warm-up; any drift `expected` does not accept is an error. */
export async function compareTimes(doc: ProfileDocument, text: string, runs: number, expected: (d: Drift) => boolean): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const { ms, value } = await timed(() => {
      const parsed = parseLiveFile(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return verifyLive(doc, parsed.live);
    });
    if (!value.drift.every(expected)) throw new Error(`unexpected drift: ${value.drift.map((d) => d.message).join("; ")}`);
    if (i > 0) out.push(ms);
  }
  return out;
}
