/**
 * Several profiles in one file, for "export all" and import: `{ format: "portcullis/profiles",
 * version: 1, profiles: [ <profile document>, … ] }`. A file holding a single profile document is
 * read as a collection of one. Reading checks everything before anything is used, and reports
 * every problem with the profile's index and the JSON path inside it.
 */
import { parseProfileDocument, serializeProfileDocument } from "./document";
import type { ProfileDocument } from "./schema";

export const COLLECTION_FORMAT = "portcullis/profiles";
export const COLLECTION_VERSION = 1;
/** More than any real installation; keeps one import's transaction and error list bounded. */
export const COLLECTION_MAX_PROFILES = 1000;

/** `index` is the profile's position in `profiles` (0 for a single-document file); null: the file itself. */
export type CollectionIssue = { index: number | null; path: string; message: string };
export type ParseCollectionResult = { ok: true; profiles: ProfileDocument[] } | { ok: false; issues: CollectionIssue[] };

function fail(message: string, path = "(root)"): ParseCollectionResult {
  return { ok: false, issues: [{ index: null, path, message }] };
}

export function parseProfileCollection(text: string): ParseCollectionResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`Not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(`Expected a JSON object ("format": "${COLLECTION_FORMAT}" or a single profile).`);
  const { format, version, profiles } = value as Record<string, unknown>;
  if (format !== COLLECTION_FORMAT) {
    const single = parseProfileDocument(value);
    return single.ok ? { ok: true, profiles: [single.value] } : { ok: false, issues: single.issues.map((i) => ({ index: 0, ...i })) };
  }
  if (version !== COLLECTION_VERSION) return fail(`Unsupported collection version: expected ${COLLECTION_VERSION}.`, "version");
  if (!Array.isArray(profiles)) return fail("Expected an array of profiles.", "profiles");
  if (profiles.length > COLLECTION_MAX_PROFILES) return fail(`At most ${COLLECTION_MAX_PROFILES} profiles per file.`, "profiles");
  const extra = Object.keys(value).filter((k) => !["format", "version", "profiles"].includes(k));
  const issues: CollectionIssue[] = extra.map((k) => ({ index: null, path: k, message: "Unknown field: not part of the collection format." }));
  const parsed: ProfileDocument[] = [];
  const firstIndexOfName = new Map<string, number>();
  profiles.forEach((item, index) => {
    const result = parseProfileDocument(item);
    if (!result.ok) {
      issues.push(...result.issues.map((i) => ({ index, ...i })));
      return;
    }
    const name = result.value.server.name;
    const first = firstIndexOfName.get(name.toLowerCase());
    if (first !== undefined) issues.push({ index, path: "server.name", message: `Duplicate name "${name}": profile ${first} has it too.` });
    else firstIndexOfName.set(name.toLowerCase(), index);
    parsed.push(result.value);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, profiles: parsed };
}

/** Canonical text of a collection: each profile exactly as `serializeProfileDocument` writes it. */
export function serializeProfileCollection(profiles: readonly ProfileDocument[]): string {
  const items = profiles.map((p) => JSON.parse(serializeProfileDocument(p)) as unknown);
  return `${JSON.stringify({ format: COLLECTION_FORMAT, version: COLLECTION_VERSION, profiles: items }, null, 2)}\n`;
}

/** "Profile 2, policy.services.ssh.sources[0]: …" */
export function formatCollectionIssue(issue: CollectionIssue): string {
  return `${issue.index === null ? "File" : `Profile ${issue.index}`}, ${issue.path}: ${issue.message}`;
}
