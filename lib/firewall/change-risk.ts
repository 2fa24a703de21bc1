/**
 * Whether a change between two revisions widens or narrows what reaches the server: opening a
 * port, allowing anyone, unblocking or loosening a limit is riskier; closing, restricting, blocking
 * or tightening is safer; renames, backend switches and notes are neutral. Pure; the revision
 * diff colours and labels each entry by it.
 */
import { formatPorts } from "./policy/ports";
import type { Access, RateLimit } from "./policy/schema";

export type ChangeRisk = "riskier" | "safer" | "neutral";

/** Adding something that lets traffic in (a port, a source) is riskier; removing it is safer. */
export const opensRisk = (added: boolean): ChangeRisk => (added ? "riskier" : "safer");
/** Adding something that keeps traffic out (a block, a limit) is safer; removing it is riskier. */
export const guardsRisk = (added: boolean): ChangeRisk => (added ? "safer" : "riskier");

/** "anyone" is wider than any source list; administrator sources and a listed set are not comparable. */
export function accessRisk(was: Access, now: Access): ChangeRisk {
  if (was === now) return "neutral";
  if (now === "anyone") return "riskier";
  if (was === "anyone") return "safer";
  return "neutral";
}

/** All votes that say something agree → that; none or a mix → neutral. */
export function combineRisks(votes: readonly ChangeRisk[]): ChangeRisk {
  const said = new Set(votes.filter((v) => v !== "neutral"));
  return said.size === 1 ? [...said][0]! : "neutral";
}

/** A larger allowance (or none at all, which is unlimited) is riskier. */
const allowance = (was = Infinity, now = Infinity): ChangeRisk => (now > was ? "riskier" : now < was ? "safer" : "neutral");
const rate = (r: RateLimit) => (r.newConnections ? r.newConnections.count / r.newConnections.seconds : undefined);

/** Same ports and protocol: a higher rate or cap is riskier, a lower one safer; other edits are neutral. */
export function rateLimitRisk(was: RateLimit, now: RateLimit): ChangeRisk {
  if (formatPorts(was.ports) !== formatPorts(now.ports) || was.protocol !== now.protocol) return "neutral";
  return combineRisks([allowance(rate(was), rate(now)), allowance(was.concurrent, now.concurrent)]);
}

const ORDERED: Record<string, readonly string[]> = {
  /** Lower index = wider. */
  Outbound: ["allow-all", "restricted"],
  "IPv6 filtering": ["off", "on"],
  "Exim reverse DNS": ["off", "relaxed", "strict"],
};

/** Settings with an order of strictness (outbound, IPv6 filtering, Exim's reverse DNS check); others neutral. */
export function settingRisk(label: string, was: unknown, now: unknown): ChangeRisk {
  const order = ORDERED[label];
  if (!order) return "neutral";
  const a = order.indexOf(String(was));
  const b = order.indexOf(String(now));
  if (a < 0 || b < 0 || a === b) return "neutral";
  return b < a ? "riskier" : "safer";
}
