/**
 * The chosen backend's translation of a rate limit, for the matrix's rate-limit rows: one function
 * per backend folder, typed against every Backend. Browser-safe (no renderer code).
 */
import type { Backend } from "../policy/schema";
import { apfLimitNotes } from "./apf/limit-note";
import { csfLimitNotes } from "./csf/limit-note";
import { backendLabel } from "./facts";
import { firewalldLimitNotes } from "./firewalld/limit-note";
import { iptablesLimitNotes } from "./iptables/limit-note";
import { nftablesLimitNotes } from "./nftables/limit-note";
import type { LimitNote, LimitShape } from "./shared/limit-note";
import { ufwLimitNotes } from "./ufw/limit-note";

const LIMIT_NOTES = {
  nftables: nftablesLimitNotes,
  iptables: iptablesLimitNotes,
  firewalld: firewalldLimitNotes,
  ufw: ufwLimitNotes,
  csf: csfLimitNotes,
  apf: apfLimitNotes,
} satisfies Record<Backend, (limit: LimitShape) => LimitNote[]>;

/** "CSF: enforced as at most 19 new connections per 60 s …", one line per part of the limit. */
export function describeLimit(backend: Backend, limit: LimitShape): LimitNote[] {
  return LIMIT_NOTES[backend](limit).map((n) => ({ ...n, text: `${backendLabel(backend)}: ${n.text}` }));
}

export type { LimitNote, LimitShape } from "./shared/limit-note";
