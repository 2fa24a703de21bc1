import type { LimitNote, LimitShape } from "../shared/limit-note";
import { portfloodAllowed } from "./facts";

/**
 * How CSF enforces a rate limit: PORTFLOOD (a sliding window, recent's hit count at most 20) for the
 * rate, CONNLIMIT (TCP only) for the cap; both count per single IPv6 address. Rendered by render.ts.
 */
export function csfLimitNotes(limit: LimitShape): LimitNote[] {
  const out: LimitNote[] = [];
  const n = limit.newConnections;
  if (n) {
    const allowed = portfloodAllowed(n.count);
    const capped = allowed < n.count ? ` (not ${n.count}: PORTFLOOD counts at most 20 hits)` : "";
    out.push({ exact: false, text: `enforced as at most ${allowed} new connections per ${n.seconds} s${capped}; a source over it is blocked until quiet for ${n.seconds} s` });
  }
  if (limit.concurrent !== undefined) {
    out.push(limit.protocol === "udp"
      ? { exact: false, text: `cannot enforce at most ${limit.concurrent} concurrent UDP connections: CONNLIMIT counts TCP only` }
      : { exact: true, text: `enforced by CONNLIMIT as at most ${limit.concurrent} concurrent connections per source` });
  }
  return out;
}
