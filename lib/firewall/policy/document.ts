/**
 * Reading and writing the profile document as JSON: the one format for export, import and the
 * CLI. Parsing never throws; it returns every problem with the JSON path of the field, worded for
 * someone editing the file by hand. Writing is canonical (schema key order, services sorted by
 * id, two-space indent, final newline), so the same profile always produces the same bytes and
 * diffs between exports stay small.
 */
import type { z } from "zod";
import { LATEST_PROFILE_VERSION, PROFILE_FORMAT, type ProfileDocument } from "./schema";
import { safeParseProfile } from "./validate";

export type DocumentIssue = { path: string; message: string };
export type ParseDocumentResult = { ok: true; value: ProfileDocument } | { ok: false; issues: DocumentIssue[] };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `policy.services.ssh.sources[0]`; `(root)` for the document itself. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === "" ? "(root)" : out;
}

function describeIssue(issue: z.core.$ZodIssue, base: readonly PropertyKey[]): DocumentIssue[] {
  const path = [...base, ...issue.path];
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: formatIssuePath([...path, key]), message: "Unknown field: not part of the profile format (check the spelling)." }));
    case "invalid_union": {
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = branches.find((b) => b.some((i) => i.code !== "invalid_value")) ?? branches[0];
      return best ? best.flatMap((i) => describeIssue(i, path)) : [{ path: formatIssuePath(path), message: issue.message }];
    }
    case "invalid_key": {
      const inner = issue.issues[0]?.message ?? issue.message;
      return [{ path: formatIssuePath(path), message: `Invalid key: ${inner}` }];
    }
    case "invalid_type":
      if (issue.message.endsWith("received undefined")) {
        return [{ path: formatIssuePath(path), message: `Required field is missing (expected ${issue.expected}).` }];
      }
      return [{ path: formatIssuePath(path), message: issue.message }];
    default:
      return [{ path: formatIssuePath(path), message: issue.message }];
  }
}

/** Zod issues as path + message pairs, in the schema's order. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): DocumentIssue[] {
  return issues.flatMap((issue) => describeIssue(issue, []));
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; issue: DocumentIssue } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = "";
    if (position?.[1] !== undefined) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = ` (line ${line}, column ${column})`;
    }
    return { ok: false, issue: { path: "(root)", message: `Not valid JSON${where}: ${message}` } };
  }
}

function checkEnvelope(value: unknown): DocumentIssue | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { path: "(root)", message: `Expected a JSON object with "format": "${PROFILE_FORMAT}".` };
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== PROFILE_FORMAT) {
    return { path: "format", message: `Not a Portcullis profile: "format" must be "${PROFILE_FORMAT}".` };
  }
  if (typeof version === "number" && version > LATEST_PROFILE_VERSION) {
    return { path: "version", message: `Written by a newer Portcullis (format version ${version}); this one reads versions up to ${LATEST_PROFILE_VERSION}.` };
  }
  return null;
}

/**
 * Validate a profile given as JSON text or as an already-parsed value. On success the value is
 * canonical: addresses normalised, defaults filled in.
 */
export function parseProfileDocument(input: unknown): ParseDocumentResult {
  let value = input;
  if (typeof input === "string") {
    const json = parseJsonText(input);
    if (!json.ok) return { ok: false, issues: [json.issue] };
    value = json.value;
  }
  const envelope = checkEnvelope(value);
  if (envelope) return { ok: false, issues: [envelope] };
  const result = safeParseProfile(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: describeIssues(result.error.issues) };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Canonical JSON text of a profile; `parseProfileDocument` of it yields an equal document. The
 * version written is the lowest that can hold the profile (see PROFILE_VERSION).
 */
export function serializeProfileDocument(doc: ProfileDocument): string {
  const parsed = safeParseProfile(doc);
  if (!parsed.success) throw parsed.error;
  const canonical = parsed.data;
  const ordered = { ...canonical, policy: { ...canonical.policy, services: sortKeys(canonical.policy.services) } };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
