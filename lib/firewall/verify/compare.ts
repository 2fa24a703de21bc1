/**
 * Verify: does a server still run its revision? The live file (verify.sh) is read by the
 * backend's own importer and compared with the revision as rendered for that backend and read
 * back by the same importer, so only what the kernel would do differently counts: a reordered set,
 * another comment or another spelling of the same rule is not drift. Docker's and fail2ban's
 * tables and chains are listed as foreign and left out of the verdict.
 */
import { BACKEND_MODULES } from "../backends";
import { getCatalog } from "../catalog";
import { effectiveOfFamily, effectivePolicy, type Effective } from "../import/compare";
import { importEffective, type ImportFile } from "../import";
import { resolvePolicy } from "../policy/resolve";
import type { Backend, ProfileDocument } from "../policy/schema";
import { diffEffective, type Drift, type DriftKind } from "./diff";
import { sectionText, type LiveFile } from "./live-file";

export type VerifyResult = {
  backend: Backend;
  host: string;
  /** When verify.sh ran (UTC). */
  time: string;
  inSync: boolean;
  drift: Drift[];
  foreign: string[];
  notes: string[];
};

/** A live state that cannot be read at all (its ruleset does not parse): input error, exit 2. */
export class LiveInputError extends Error {}

const RENDER_META = { generatedAt: "1970-01-01T00:00:00Z", productVersion: "verify", warnings: [] };

function effectiveOf(document: ProfileDocument, backend: Backend, files: readonly ImportFile[], what: string): Effective {
  const result = importEffective(backend, files, { panel: document.server.panel, os: document.server.os, name: document.server.name });
  if (!result.ok) throw new LiveInputError(`${what} cannot be read: ${result.message}`);
  return result.effective;
}

/** The revision as the kernel will see it through `backend`: rendered, then read back by its importer. */
export function expectedEffective(document: ProfileDocument, backend: Backend): Effective {
  if (BACKEND_MODULES[backend].verify.expected === "profile") return effectivePolicy(document);
  const read = effectiveOf(document, backend, revisionFiles(document, backend), "the revision");
  return withProfileBlocked(read, backend, () => effectivePolicy(document).blocked);
}

function renderedFiles(document: ProfileDocument, backend: Backend): ImportFile[] {
  const ruleSet = resolvePolicy(document, getCatalog(document.server.panel));
  return BACKEND_MODULES[backend].render(ruleSet, RENDER_META).map((f) => ({ path: f.path, text: f.content }));
}

/** The revision without its blocked entries, for backends whose blocked lists come from the profile (VerifySpec.blockedFromProfile). */
export const withoutBlocked = (document: ProfileDocument): ProfileDocument => ({ ...document, policy: { ...document.policy, blocked: [] } });

/** The revision's files as verify reads them for `backend`: without the blocked entries where those come from the profile. */
function revisionFiles(document: ProfileDocument, backend: Backend): ImportFile[] {
  return renderedFiles(BACKEND_MODULES[backend].verify.blockedFromProfile ? withoutBlocked(document) : document, backend);
}

/** The revision's files read back, with the profile's blocked entries (`blocked`) where the files were rendered without them. */
function withProfileBlocked(read: Effective, backend: Backend, blocked: () => string[]): Effective {
  const keep = BACKEND_MODULES[backend].verify.blockedFromProfile;
  return keep ? { ...read, blocked: keep(blocked()) } : read;
}

type Reader = (backend: Backend, files: readonly ImportFile[], what: string) => Effective;
type Family = "IPv4" | "IPv6";
type Split = (files: readonly ImportFile[], family: Family) => ImportFile[];

/**
 * `fn` for one verification, remembering each result by `tag` and its files' paths and texts:
 * the boot files are often the running ones, and the loaded-rules checks of APF and CSF read the
 * running files again (with a 100,000-entry blocklist each reading costs about half a second).
 * Every result is kept: one family's files have the same paths as the other's.
 */
function remembered<T, R extends unknown[]>(fn: (tag: string, files: readonly ImportFile[], ...rest: R) => T): (tag: string, files: readonly ImportFile[], ...rest: R) => T {
  const seen = new Map<string, { texts: string[]; value: T }[]>();
  return (tag, files, ...rest) => {
    const key = [tag, ...files.map((f) => f.path)].join("\0");
    const results = seen.get(key) ?? [];
    const hit = results.find((r) => sameTexts(r.texts, files.map((f) => f.text)));
    if (hit) return hit.value;
    const value = fn(tag, files, ...rest);
    seen.set(key, [...results, { texts: files.map((f) => f.text), value }]);
    return value;
  };
}

/** Whether two lists of file texts are the same texts in the same order. */
const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

const reader = (document: ProfileDocument): Reader => remembered((backend, files, what: string) => effectiveOf(document, backend as Backend, files, what));

function splitter(split: Split): Split {
  const once = remembered((family, files) => split(files, family as Family));
  return (files, family) => once(family, files);
}

/**
 * One verification's readers, the revision's files (rendered once, for the running and the boot
 * comparison), and the drift already found for the same files of one family (the boot save is
 * usually the running rules, byte for byte).
 */
type Context = { read: Reader; split: Split | null; revision: () => ImportFile[]; memo: Map<Family, { texts: string[]; drift: Drift[] }[]> };

/** Both families at once, or (backends with a file per family) each on its own. */
function diffRules({ read, split, revision, memo }: Context, backend: Backend, files: ImportFile[], expected: Effective, what: string): Drift[] {
  const spec = BACKEND_MODULES[backend].verify;
  // Merged, one family's limit can hide the other's (they share a port): so a family at a time.
  if (!split) return diffEffective(read(backend, files, what), expected);
  const rendered = spec.familyFromProfile ? null : revision();
  const families = expected.ipv6 ? (["IPv4", "IPv6"] as const) : (["IPv4"] as const);
  return families.flatMap((f) => {
    const mine = split(files, f);
    const want = rendered ? null : effectiveOfFamily(expected, f);
    const wantFiles = rendered ? split(rendered, f) : [];
    const wanted = want !== null || wantFiles.length > 0;
    if (mine.length === 0 || !wanted) return mine.length === 0 && !wanted ? [] : [{ kind: "missing" as const, message: `Missing on the server: the ${f} rules.` }];
    // Same texts in the same roles read alike, whatever the files are called (iptables-save, rules.v4);
    // compared one by one, not joined into a key (a copy of megabytes of text).
    const texts = mine.map((m) => m.text);
    const done = memo.get(f) ?? [];
    const seen = done.find((d) => sameTexts(d.texts, texts));
    if (seen) return seen.drift;
    const drift = diffEffective(read(backend, mine, what), want ?? withProfileBlocked(read(backend, wantFiles, "the revision"), backend, () => effectiveOfFamily(expected, f).blocked), f);
    memo.set(f, [...done, { texts, drift }]);
    return drift;
  });
}

/** Every difference between the server's live state and `document`. */
export function verifyLive(document: ProfileDocument, live: LiveFile): VerifyResult {
  const backend = live.backend;
  const expected = expectedEffective(document, backend);
  const view = BACKEND_MODULES[backend].verify.read(live, { ipv6: expected.ipv6 });
  const drift: Drift[] = view.missing.map((m) => ({ kind: "missing", message: `Missing on the server: ${m}.` }));
  // With our rules gone, a port-by-port list would only restate that; the missing parts say it.
  const family = BACKEND_MODULES[backend].verify.family;
  let rendered: ImportFile[] | undefined;
  const revision = () => (rendered ??= revisionFiles(document, backend));
  const context: Context = { read: reader(document), split: family ? splitter(family) : null, revision, memo: new Map() };
  if (drift.length === 0) {
    const running = diffRules(context, backend, view.running, expected, "The live ruleset");
    const read = { effective: context.read, family: context.split ?? ((files: readonly ImportFile[]) => [...files]), filesAgree: running.length === 0 };
    drift.push(...running, ...(BACKEND_MODULES[backend].verify.loaded?.(live, view.running, read) ?? []));
  }
  drift.push(...view.extra.map((e): Drift => ({ kind: "extra-table", message: `Not ours and filtering traffic: ${e}.` })));
  if ("problem" in view.boot) drift.push({ kind: "not-persisted", message: `Not persisted at boot: ${view.boot.problem}` });
  else {
    const boot = diffRules(context, backend, view.boot.files, expected, "The boot configuration");
    if (boot.length > 0) drift.push({ kind: "boot-differs", count: boot.length, samples: boot.slice(0, 5).map((d) => d.message), message: `What loads at boot differs from the revision: ${boot.slice(0, 3).map((d) => d.message).join(" ")}${boot.length > 3 ? ` (${boot.length - 3} more)` : ""}` });
  }
  for (const m of (sectionText(live, "managers") ?? "").split("\n").filter((l) => l.trim() !== "")) drift.push({ kind: "other-manager", message: `Another firewall manager is active: ${m.trim()}.` });
  if (view.pending) drift.push({ kind: "pending-apply", message: view.pending });
  const notes = backend === document.policy.backend ? [] : [`The live file is from ${backend}; the profile chooses ${document.policy.backend}. Compared as rendered for ${backend}.`];
  return { backend, host: live.host, time: live.time, inSync: drift.length === 0, drift, foreign: [...new Set(view.foreign)].sort(), notes };
}

/** What the revision decides: the rules themselves (not boot, managers or a pending apply). */
const RULE_KINDS: ReadonlySet<DriftKind> = new Set(["open-extra", "open-missing", "blocked-extra", "blocked-missing", "limits", "outbound", "ipv6", "missing"]);

/** How far the live rules are from a revision: 0 when they filter alike. */
export const ruleDistance = (r: VerifyResult) => r.drift.filter((d) => RULE_KINDS.has(d.kind)).reduce((n, d) => n + (d.count ?? 1), 0);

export type RevisionVerdict = {
  revision: number;
  result: VerifyResult;
  /** The revision whose rules the server runs when it is not `revision` (null: none, or the latest). */
  matches: number | null;
};

/** Verify against the latest revision and, when it drifted, find the (newest) older one the live rules match. */
export function verifyAgainstRevisions(revisions: readonly { revision: number; document: ProfileDocument }[], live: LiveFile): RevisionVerdict {
  const sorted = [...revisions].sort((a, b) => b.revision - a.revision);
  const latest = sorted[0];
  if (!latest) throw new Error("verifyAgainstRevisions needs at least one revision");
  const result = verifyLive(latest.document, live);
  if (ruleDistance(result) === 0) return { revision: latest.revision, result, matches: null };
  for (const older of sorted.slice(1)) {
    if (ruleDistance(verifyLive(older.document, live)) === 0) return { revision: latest.revision, result, matches: older.revision };
  }
  return { revision: latest.revision, result, matches: null };
}
