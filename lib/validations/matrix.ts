/**
 * Reading the port matrix form: every typed field is checked with the profile schema's own field
 * schemas, errors are keyed by field (`service:ssh:sources`, `custom:<uid>:ports`, …) so each one
 * shows next to its input, and the policy is built from what is valid, so the live warnings
 * keep working while one field is wrong. A draft with errors is never saved.
 */
import type { FieldErrors } from "@/lib/action-result";
import { parseNetworkList } from "@/lib/firewall/address";
import {
  labelSchema,
  portRangeSchema,
  rateLimitSchema,
  type BlockedEntry,
  type CustomRule,
  type Policy,
  type PortRange,
  type RateLimit,
  type ServiceChoice,
  type SourceList,
} from "@/lib/firewall/policy/schema";
import type { MatrixDraft, RateLimitDraft } from "./matrix-draft";

export type DraftReading = { policy: Policy; errors: FieldErrors; errorCount: number };

const MAX_SOURCES = 10_000;
const MAX_BLOCKED = 200_000;
/** A paste of thousands of bad lines lists the first ones; the count says how many there are. */
const MAX_LISTED_ERRORS = 50;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** "22", "8000-8100" (or "8000:8100"), checked like the profile's port ranges. */
export function parsePortRange(text: string): Parsed<PortRange> {
  const match = /^(\d{1,6})(?:\s*[-:]\s*(\d{1,6}))?$/.exec(text.trim());
  if (!match) {
    return { ok: false, error: text.trim() === "" ? "Enter a port or a range such as 8000-8100." : "Enter a port (1–65535) or a range such as 8000-8100." };
  }
  const from = Number(match[1]);
  const result = portRangeSchema.safeParse({ from, to: match[2] === undefined ? from : Number(match[2]) });
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error.issues[0]?.message ?? "Not a valid port range." };
}

const newConnectionShape = rateLimitSchema.shape.newConnections.unwrap().shape;
const NUMBER_FIELDS = {
  count: newConnectionShape.count,
  seconds: newConnectionShape.seconds,
  concurrent: rateLimitSchema.shape.concurrent.unwrap(),
};

function parseWholeNumber(text: string, field: keyof typeof NUMBER_FIELDS): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: t === "" ? "Required." : "Enter a whole number." };
  const result = NUMBER_FIELDS[field].safeParse(Number(t));
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error.issues[0]?.message ?? "Not valid." };
}

function parseLabel(text: string): Parsed<string> {
  const result = labelSchema.safeParse(text);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error.issues[0]?.message ?? "Not valid." };
}

type ListReading = { values: string[]; errors: string[] };
const listCache = new Map<string, ListReading>();

/** One address or network per line (commas and spaces also separate); cached by text. */
export function readAddressList(text: string, max = MAX_SOURCES): ListReading {
  const cached = listCache.get(text);
  if (cached) return cached;
  const { values, errors } = parseNetworkList(text);
  const messages = errors.map((e) => `Line ${e.line}: ${e.message}`);
  if (values.length > max) messages.push(`At most ${max.toLocaleString("en-US")} addresses.`);
  const reading = { values, errors: messages };
  if (listCache.size > 2000) listCache.clear();
  listCache.set(text, reading);
  return reading;
}

type BlockedReading = { entries: BlockedEntry[]; errors: string[] };
let blockedCache: { text: string; reading: BlockedReading } | null = null;

/**
 * The blocked list: one or more addresses per line, optionally followed by `# comment`, which
 * applies to every address of its line. Errors carry the line number; duplicates are dropped.
 */
export function readBlockedList(text: string): BlockedReading {
  if (blockedCache?.text === text) return blockedCache.reading;
  const entries: BlockedEntry[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const hash = line.indexOf("#");
    const comment = hash === -1 ? "" : line.slice(hash + 1).trim();
    const label = parseLabel(comment);
    if (!label.ok) errors.push(`Line ${i + 1}: comment: ${label.error}`);
    const parsed = parseNetworkList(hash === -1 ? line : line.slice(0, hash));
    for (const e of parsed.errors) errors.push(`Line ${i + 1}: ${e.message}`);
    for (const address of parsed.values) {
      if (seen.has(address)) continue;
      seen.add(address);
      entries.push({ address, comment: label.ok ? label.value : "" });
    }
  });
  if (entries.length > MAX_BLOCKED) errors.push(`At most ${MAX_BLOCKED.toLocaleString("en-US")} blocked entries.`);
  const reading = { entries, errors };
  blockedCache = { text, reading };
  return reading;
}

/** Collects errors per field; long lists are cut to the first ones with a count of the rest. */
class ErrorSink {
  readonly errors: FieldErrors = {};
  count = 0;

  add(key: string, messages: readonly string[]): void {
    if (messages.length === 0) return;
    this.count += messages.length;
    const shown = messages.slice(0, MAX_LISTED_ERRORS);
    if (messages.length > shown.length) shown.push(`…and ${messages.length - shown.length} more problems.`);
    this.errors[key] = shown;
  }

  take<T>(key: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.add(key, [parsed.error]);
    return undefined;
  }
}

function readRateLimit(draft: RateLimitDraft, sink: ErrorSink): RateLimit | undefined {
  const key = `rate:${draft.uid}`;
  const ports = sink.take(`${key}:ports`, parsePortRange(draft.portsText));
  const label = sink.take(`${key}:label`, parseLabel(draft.label));
  const hasRate = draft.countText.trim() !== "" || draft.secondsText.trim() !== "";
  const hasCap = draft.concurrentText.trim() !== "";
  if (!hasRate && !hasCap) sink.add(`${key}:limit`, ["Set a new-connection rate, a concurrent-connection cap, or both."]);
  const count = hasRate ? sink.take(`${key}:count`, parseWholeNumber(draft.countText, "count")) : undefined;
  const seconds = hasRate ? sink.take(`${key}:seconds`, parseWholeNumber(draft.secondsText, "seconds")) : undefined;
  const concurrent = hasCap ? sink.take(`${key}:concurrent`, parseWholeNumber(draft.concurrentText, "concurrent")) : undefined;
  const rateOk = !hasRate || (count !== undefined && seconds !== undefined);
  if (!ports || label === undefined || !rateOk || (hasCap && concurrent === undefined) || (!hasRate && !hasCap)) return undefined;
  return {
    id: draft.id,
    label,
    ports,
    protocol: draft.protocol,
    ...(hasRate ? { newConnections: { count: count!, seconds: seconds! } } : {}),
    ...(hasCap ? { concurrent } : {}),
  };
}

/** Only the lists some service references: removing the last chip of a list removes the list. */
function referencedLists(lists: readonly SourceList[], services: Record<string, ServiceChoice>): Pick<Policy, "sourceLists"> {
  const used = new Set(Object.values(services).flatMap((c) => c.lists ?? []));
  const kept = lists.filter((l) => used.has(l.id));
  return kept.length > 0 ? { sourceLists: kept } : {};
}

/**
 * The policy a draft stands for, and every field error. Entries with an error are left out of
 * the policy (the live warnings then describe what would be saved once they are fixed).
 */
export function readDraft(draft: MatrixDraft): DraftReading {
  const sink = new ErrorSink();
  const services: Record<string, ServiceChoice> = {};
  for (const [id, s] of Object.entries(draft.services)) {
    const sources = readAddressList(s.sourcesText);
    sink.add(`service:${id}:sources`, sources.errors);
    const ports = s.rangeText === undefined ? undefined : sink.take(`service:${id}:range`, parsePortRange(s.rangeText));
    services[id] = {
      enabled: s.enabled, tcp: s.tcp, udp: s.udp, inbound: s.inbound, outbound: s.outbound, localhostOnly: s.localhostOnly,
      access: s.access, sources: sources.values, ...(s.lists && s.lists.length > 0 ? { lists: s.lists } : {}), ...(ports ? { ports } : {}),
    };
  }

  const customRules: CustomRule[] = [];
  for (const r of draft.customRules) {
    const key = `custom:${r.uid}`;
    const ports = sink.take(`${key}:ports`, parsePortRange(r.portsText));
    const label = sink.take(`${key}:label`, parseLabel(r.label));
    const sources = readAddressList(r.sourcesText);
    sink.add(`${key}:sources`, sources.errors);
    if (!r.tcp && !r.udp) sink.add(`${key}:protocol`, ["Choose TCP, UDP or both."]);
    if (!ports || label === undefined || (!r.tcp && !r.udp)) continue;
    customRules.push({ id: r.id, label, ports, tcp: r.tcp, udp: r.udp, direction: r.direction, access: r.access, sources: sources.values });
  }

  const blocked = readBlockedList(draft.blockedText);
  sink.add("blocked", blocked.errors);

  const rateLimits = draft.rateLimits.flatMap((r) => readRateLimit(r, sink) ?? []);

  const policy: Policy = {
    backend: draft.backend,
    inboundDefault: "deny",
    outbound: draft.outbound,
    ipv6: draft.ipv6,
    services,
    customRules,
    blocked: blocked.entries,
    rateLimits,
    ...referencedLists(draft.sourceLists, services),
    hardening: { eximReverseDns: draft.eximReverseDns },
  };
  return { policy, errors: sink.errors, errorCount: sink.count };
}
