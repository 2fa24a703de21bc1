/** Rate limits and caps from a parser, merged per port and protocol and clamped to the profile's bounds. */
import type { RateLimit } from "../policy/schema";
import { baseName, toLabel } from "./text";
import type { Finding, ImportedLimit } from "./types";

const MAX_LIMITS = 100;
const BOUNDS = { count: [1, 10_000], seconds: [1, 86_400], concurrent: [1, 100_000] } as const;

function clamp(value: number, [min, max]: readonly [number, number], what: string, limit: ImportedLimit, findings: Finding[]): number {
  const v = Math.min(max, Math.max(min, Math.round(value)));
  if (v !== value) findings.push({ ...limit.origin, severity: "warning", message: `${what} ${value} is outside what a profile holds (${min}-${max}); imported as ${v}.` });
  return v;
}

/**
 * One profile rate limit per protocol and port range: a new-connection rate and a concurrent
 * cap on the same ports (CSF's PORTFLOOD and CONNLIMIT, say) become one entry.
 */
export function mergeLimits(limits: readonly ImportedLimit[], findings: Finding[]): RateLimit[] {
  const out: RateLimit[] = [];
  for (const l of limits) {
    const newConnections = l.newConnections && {
      count: clamp(l.newConnections.count, BOUNDS.count, "A connection count of", l, findings),
      seconds: clamp(l.newConnections.seconds, BOUNDS.seconds, "A period of", l, findings),
    };
    const concurrent = l.concurrent === undefined ? undefined : clamp(l.concurrent, BOUNDS.concurrent, "A concurrent cap of", l, findings);
    const same = out.find((r) => r.protocol === l.protocol && r.ports.from === l.ports.from && r.ports.to === l.ports.to
      && (newConnections === undefined || r.newConnections === undefined) && (concurrent === undefined || r.concurrent === undefined));
    if (same) {
      if (newConnections) same.newConnections = newConnections;
      if (concurrent !== undefined) same.concurrent = concurrent;
      continue;
    }
    if (out.length >= MAX_LIMITS) {
      findings.push({ ...l.origin, severity: "warning", message: `The limit on ${l.protocol} ${l.ports.from}-${l.ports.to} is not carried over: a profile holds at most ${MAX_LIMITS} rate limits.` });
      continue;
    }
    out.push({
      id: `limit-${out.length + 1}`, label: toLabel(`Imported from ${baseName(l.origin.file)} line ${l.origin.line}`),
      ports: { ...l.ports }, protocol: l.protocol,
      ...(newConnections ? { newConnections } : {}), ...(concurrent !== undefined ? { concurrent } : {}),
    });
  }
  return out;
}
