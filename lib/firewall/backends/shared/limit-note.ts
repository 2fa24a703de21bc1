/**
 * How a backend enforces one per-source rate limit, in a line for the matrix (beside the limit's
 * fields): each backend folder's `limit-note.ts` builds it from the same numbers its renderer
 * writes (the token bucket here, CSF's PORTFLOOD hit count in csf/facts.ts), never a copy of them.
 */
import type { RateLimit } from "../../policy/schema";
import { tokenBucket } from "./rules";

export type LimitShape = Pick<RateLimit, "protocol" | "newConnections" | "concurrent">;
/** `exact`: enforced as written; false when the backend approximates it or cannot enforce a part. */
export type LimitNote = { exact: boolean; text: string };

/** "token bucket 30/minute, burst 30": the rate exactly as nft's `limit rate` and iptables' hashlimit get it. */
export function bucketText(count: number, seconds: number): string {
  const b = tokenBucket(count, seconds);
  return `token bucket ${b.rate}/${b.unit}, burst ${b.burst}${b.exact ? "" : " (rounded)"}`;
}

/** Notes of a backend that enforces both parts as written, per source and per IPv6 /64; `how` names the mechanism. */
export function perSourceNotes(limit: LimitShape, how: string): LimitNote[] {
  const out: LimitNote[] = [];
  const n = limit.newConnections;
  if (n) out.push({ exact: true, text: `enforced ${how} as ${n.count} new connections per ${n.seconds} s per source (${bucketText(n.count, n.seconds)})` });
  if (limit.concurrent !== undefined) out.push({ exact: true, text: `enforced ${how} as at most ${limit.concurrent} concurrent connections per source` });
  return out;
}
