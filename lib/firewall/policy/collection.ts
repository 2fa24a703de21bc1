/**
 * Several profiles in one file, for "export all" and import: `{ format: "portcullis/profiles",
 * version: 1, profiles: [ <profile document>, … ] }`; version 2 adds `templates: [ <template
 * document>, … ]` (./template-document.ts), the templates the profiles follow. A file holding a
 * single profile document is read as a collection of one. Reading checks everything before
 * anything is used, and reports every problem with the profile's (or template's) index and the
 * JSON path inside it.
 */
import { parseProfileDocument, serializeProfileDocument } from "./document";
import type { Panel, ProfileDocument } from "./schema";
import { canonicalTemplateDocument, parseTemplateDocument, templateRevisionOf, type TemplateDocument } from "./template-document";

export const COLLECTION_FORMAT = "portcullis/profiles";
export const COLLECTION_VERSION = 1;
/** Version 2 added `templates`; a collection without templates is still written as version 1. */
export const TEMPLATES_COLLECTION_VERSION = 2;
/** More than any real installation; keeps one import's transaction and error list bounded. */
export const COLLECTION_MAX_PROFILES = 1000;
export const COLLECTION_MAX_TEMPLATES = 200;

/**
 * `index` is the profile's position in `profiles` (0 for a single-document file), or with
 * `template: true` the template's position in `templates`; null: the file itself.
 */
export type CollectionIssue = { index: number | null; template?: true; path: string; message: string };
export type ParsedCollection = { profiles: ProfileDocument[]; templates: TemplateDocument[] };
export type ParseCollectionResult = ({ ok: true } & ParsedCollection) | { ok: false; issues: CollectionIssue[] };

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
  const { format, version, profiles, templates = [] } = value as Record<string, unknown>;
  if (format !== COLLECTION_FORMAT) {
    const single = parseProfileDocument(value);
    return single.ok ? { ok: true, profiles: [single.value], templates: [] } : { ok: false, issues: single.issues.map((i) => ({ index: 0, ...i })) };
  }
  if (typeof version === "number" && version > TEMPLATES_COLLECTION_VERSION) {
    return fail(`Written by a newer Portcullis (collection version ${version}); this one reads versions up to ${TEMPLATES_COLLECTION_VERSION}.`, "version");
  }
  if (version !== COLLECTION_VERSION && version !== TEMPLATES_COLLECTION_VERSION) return fail(`Unsupported collection version: expected ${COLLECTION_VERSION} or ${TEMPLATES_COLLECTION_VERSION}.`, "version");
  if (!Array.isArray(profiles)) return fail("Expected an array of profiles.", "profiles");
  if (profiles.length > COLLECTION_MAX_PROFILES) return fail(`At most ${COLLECTION_MAX_PROFILES} profiles per file.`, "profiles");
  if (!Array.isArray(templates)) return fail("Expected an array of templates.", "templates");
  if (templates.length > COLLECTION_MAX_TEMPLATES) return fail(`At most ${COLLECTION_MAX_TEMPLATES} templates per file.`, "templates");
  const known = version === COLLECTION_VERSION ? ["format", "version", "profiles"] : ["format", "version", "profiles", "templates"];
  const extra = Object.keys(value).filter((k) => !known.includes(k));
  const issues: CollectionIssue[] = extra.map((k) => ({
    index: null, path: k, message: k === "templates" ? `Templates need collection version ${TEMPLATES_COLLECTION_VERSION}.` : "Unknown field: not part of the collection format.",
  }));
  const parsedTemplates = parseTemplates(templates, issues);
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
    const followed = result.value.fleet?.template;
    const template = followed && parsedTemplates.get(followed.name.toLowerCase());
    if (template) {
      const problem = followProblem(result.value, { ...template.template, hasRevision: (n) => templateRevisionOf(template, n) !== undefined }, "in this file");
      if (problem) issues.push({ index, ...problem });
    }
    parsed.push(result.value);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, profiles: parsed, templates: [...parsedTemplates.values()] };
}

/**
 * Why `profile` cannot follow `template` as its `fleet.template` says, or null: a template is for
 * one panel, and the follower's revision (its overrides' base) must be there. `where` says where
 * the template was found ("in this file", "here").
 */
export function followProblem(
  profile: ProfileDocument, template: { name: string; panel: Panel; hasRevision: (revision: number) => boolean }, where: string,
): { path: string; message: string } | null {
  const followed = profile.fleet?.template;
  if (!followed) return null;
  if (template.panel !== profile.server.panel) {
    return { path: "fleet.template.name", message: `Template ${template.name} is for ${template.panel}; this server's panel is ${profile.server.panel}.` };
  }
  if (!template.hasRevision(followed.revision)) {
    return { path: "fleet.template.revision", message: `Template ${template.name} ${where} has no revision ${followed.revision}.` };
  }
  return null;
}

/** The file's templates by lower-case name, in file order; problems go to `issues`. */
function parseTemplates(items: readonly unknown[], issues: CollectionIssue[]): Map<string, TemplateDocument> {
  const byName = new Map<string, TemplateDocument>();
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const result = parseTemplateDocument(item);
    if (!result.ok) {
      issues.push(...result.issues.map((i) => ({ index, template: true as const, ...i })));
      return;
    }
    const { name } = result.value.template;
    const first = firstIndex.get(name.toLowerCase());
    if (first !== undefined) issues.push({ index, template: true, path: "template.name", message: `Duplicate template name "${name}": template ${first} has it too.` });
    else {
      firstIndex.set(name.toLowerCase(), index);
      byName.set(name.toLowerCase(), result.value);
    }
  });
  return byName;
}

/**
 * Canonical text of a collection: each profile exactly as `serializeProfileDocument` writes it,
 * then the templates (version 2; none: version 1, which older releases read).
 */
export function serializeProfileCollection(profiles: readonly ProfileDocument[], templates: readonly TemplateDocument[] = []): string {
  const items = profiles.map((p) => JSON.parse(serializeProfileDocument(p)) as unknown);
  const file = templates.length === 0
    ? { format: COLLECTION_FORMAT, version: COLLECTION_VERSION, profiles: items }
    : { format: COLLECTION_FORMAT, version: TEMPLATES_COLLECTION_VERSION, profiles: items, templates: templates.map(canonicalTemplateDocument) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What one importable file may hold: the reader's counts and the importer's size limit. */
export type CollectionLimits = { maxProfiles: number; maxTemplates: number; maxBytes: number };

/** Bytes of `item` inside a collection: its lines indented two levels (4 spaces) and a separator. */
const utf8 = new TextEncoder();
function bytesInCollection(item: unknown): number {
  const text = JSON.stringify(item, null, 2);
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines += 1;
  return utf8.encode(text).byteLength + 4 * lines + 2;
}

/** The envelope of a collection with both arrays (`format`, `version`, the brackets), with room to spare. */
const ENVELOPE_BYTES = 256;

/**
 * A collection as files that each import on their own. When everything fits in one file the
 * result is that one file, byte for byte `serializeProfileCollection`'s. Otherwise the profiles,
 * in order, fill parts of at most `maxProfiles` profiles, `maxTemplates` templates and `maxBytes`
 * bytes; every part carries the templates its own profiles follow (the same document in each part
 * that needs it, with every revision any follower of the whole export took), so the parts can be
 * imported in any order, and an import finds each follower's revision in the template an earlier
 * part created. Templates nobody follows go where there is room, in parts of their own if need
 * be. A profile bigger than `maxBytes` by itself gets a part of its own (too big for the
 * dashboard's import; the CLI reads larger files).
 */
export function splitProfileCollection(profiles: readonly ProfileDocument[], templates: readonly TemplateDocument[], limits: CollectionLimits): string[] {
  const profileItems = profiles.map((p) => JSON.parse(serializeProfileDocument(p)) as unknown);
  const templateItems = templates.map(canonicalTemplateDocument);
  const templateBytes = templateItems.map(bytesInCollection);
  const templateIndex = new Map(templates.map((t, i) => [t.template.name.toLowerCase(), i]));
  type Part = { profiles: number[]; templates: Set<number>; bytes: number };
  const fresh = (): Part => ({ profiles: [], templates: new Set(), bytes: ENVELOPE_BYTES });
  const parts: Part[] = [];
  let part = fresh();
  profiles.forEach((profile, index) => {
    const followed = profile.fleet?.template && templateIndex.get(profile.fleet.template.name.toLowerCase());
    const cost = (p: Part) => {
      const needs = followed !== undefined && !p.templates.has(followed);
      return { bytes: bytesInCollection(profileItems[index]) + (needs ? templateBytes[followed]! : 0), templates: p.templates.size + (needs ? 1 : 0) };
    };
    let add = cost(part);
    const full = part.profiles.length >= limits.maxProfiles || part.bytes + add.bytes > limits.maxBytes || add.templates > limits.maxTemplates;
    if (part.profiles.length > 0 && full) {
      parts.push(part);
      part = fresh();
      add = cost(part);
    }
    part.profiles.push(index);
    if (followed !== undefined) part.templates.add(followed);
    part.bytes += add.bytes;
  });
  parts.push(part);
  const followedAnywhere = new Set(parts.flatMap((p) => [...p.templates]));
  templateItems.forEach((_, index) => {
    if (followedAnywhere.has(index)) return;
    const fits = (p: Part) => p.templates.size < limits.maxTemplates && p.bytes + templateBytes[index]! <= limits.maxBytes;
    let home = parts.find(fits);
    if (!home) parts.push((home = fresh()));
    home.templates.add(index);
    home.bytes += templateBytes[index]!;
  });
  return parts.map((p) => {
    const file = { format: COLLECTION_FORMAT, version: p.templates.size === 0 ? COLLECTION_VERSION : TEMPLATES_COLLECTION_VERSION, profiles: p.profiles.map((i) => profileItems[i]) };
    const withTemplates = p.templates.size === 0 ? file : { ...file, templates: [...p.templates].sort((a, b) => a - b).map((i) => templateItems[i]) };
    return `${JSON.stringify(withTemplates, null, 2)}\n`;
  });
}

/** "Profile 2, policy.services.ssh.sources[0]: …", "Template 0, bases[1].revision: …" */
export function formatCollectionIssue(issue: CollectionIssue): string {
  return `${issue.index === null ? "File" : `${issue.template ? "Template" : "Profile"} ${issue.index}`}, ${issue.path}: ${issue.message}`;
}
