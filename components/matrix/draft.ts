/**
 * The port matrix form's working copy: drafts made from a policy, entries added in the browser,
 * and the comparison that says whether there are unsaved changes.
 */
import { formatPorts } from "@/lib/firewall/policy/ports";
import type { Policy, RateLimit } from "@/lib/firewall/policy/schema";
import type { MatrixDraft, MatrixStart, RateLimitDraft, ServiceDraft } from "@/lib/validations/matrix-draft";

let uidCounter = 0;
/**
 * For entries added in the browser: unique within the page's life, never stored. Loaded entries
 * get positional uids instead (toDraft), so the server's HTML and the browser's first render agree.
 */
export function nextUid(prefix: string): string {
  uidCounter += 1;
  return `${prefix}n${uidCounter}`;
}

export function rateLimitDraft(limit: RateLimit, uid = nextUid("r")): RateLimitDraft {
  return {
    uid,
    id: limit.id,
    label: limit.label,
    portsText: formatPorts(limit.ports),
    protocol: limit.protocol,
    countText: limit.newConnections ? String(limit.newConnections.count) : "",
    secondsText: limit.newConnections ? String(limit.newConnections.seconds) : "",
    concurrentText: limit.concurrent !== undefined ? String(limit.concurrent) : "",
  };
}

export function blockedText(blocked: Policy["blocked"]): string {
  return blocked.map((b) => (b.comment ? `${b.address} # ${b.comment}` : b.address)).join("\n");
}


export function matrixStart(policy: Policy): MatrixStart {
  const { blocked, ...rest } = policy;
  return { policy: rest, blockedText: blockedText(blocked) };
}

export function draftOfStart(start: MatrixStart): MatrixDraft {
  return { ...toDraft({ ...start.policy, blocked: [] }), blockedText: start.blockedText };
}

export function toDraft(policy: Policy): MatrixDraft {
  const services: Record<string, ServiceDraft> = {};
  for (const [id, c] of Object.entries(policy.services)) {
    services[id] = {
      enabled: c.enabled,
      tcp: c.tcp,
      udp: c.udp,
      inbound: c.inbound,
      outbound: c.outbound,
      localhostOnly: c.localhostOnly,
      access: c.access,
      sourcesText: c.sources.join("\n"),
      ...(c.lists ? { lists: c.lists } : {}),
      ...(c.ports ? { rangeText: formatPorts(c.ports) } : {}),
    };
  }
  return {
    backend: policy.backend,
    outbound: policy.outbound,
    ipv6: policy.ipv6,
    eximReverseDns: policy.hardening.eximReverseDns,
    services,
    customRules: policy.customRules.map((r, i) => ({
      uid: `c${i}`,
      id: r.id,
      label: r.label,
      portsText: formatPorts(r.ports),
      tcp: r.tcp,
      udp: r.udp,
      direction: r.direction,
      access: r.access,
      sourcesText: r.sources.join("\n"),
    })),
    blockedText: blockedText(policy.blocked),
    rateLimits: policy.rateLimits.map((r, i) => rateLimitDraft(r, `r${i}`)),
    sourceLists: policy.sourceLists ?? [],
  };
}

/** The first `prefix-N` not yet used by an entry of the list. */
export function freeId(prefix: string, taken: readonly { id: string }[]): string {
  const used = new Set(taken.map((t) => t.id));
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

function sameFields<T extends object>(a: T, b: T, ignore: readonly string[] = []): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (ignore.includes(k)) continue;
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

function sameList<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => sameFields(item, b[i]!, ["uid"]));
}

/** Field-by-field equality (not identity), so undoing an edit clears "unsaved changes". */
export function draftsEqual(a: MatrixDraft, b: MatrixDraft): boolean {
  if (a === b) return true;
  if (!sameFields(a, b, ["services", "customRules", "rateLimits", "sourceLists"])) return false;
  const ids = new Set([...Object.keys(a.services), ...Object.keys(b.services)]);
  const refs = (s: ServiceDraft) => (s.lists ?? []).join(" ");
  for (const id of ids) {
    const x = a.services[id];
    const y = b.services[id];
    if (!x || !y || !sameFields(x, y, ["lists"]) || refs(x) !== refs(y)) return false;
  }
  // Lists are replaced whole, never edited; the ids that are referenced decide what is saved.
  if (a.sourceLists.map((l) => l.id).join(" ") !== b.sourceLists.map((l) => l.id).join(" ")) return false;
  return sameList(a.customRules, b.customRules) && sameList(a.rateLimits, b.rateLimits);
}
