import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { db } from "@/lib/db";
import { followProblem, type CollectionIssue } from "@/lib/firewall/policy/collection";
import { osSchema, panelSchema, type Fleet, type Policy, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { templatePreviewServer } from "@/lib/firewall/policy/template";
import { TEMPLATE_FORMAT, TEMPLATE_VERSION, templateRevisionOf, type TemplateDocument } from "@/lib/firewall/policy/template-document";
import { tagsOfColumn } from "@/lib/validations/tags";
import { recordAudit } from "./audit-log";
import { sha256Of } from "./revision-codec";
import { fitPolicyToCatalog } from "./policy-document";
import { policyText, readPolicy, storeTemplateRevision, templateRevisionPolicy } from "./templates";

/**
 * Tags and templates in export and import (docs/profile-format.md, `fleet` and the template
 * document): what a profile's `fleet` says of its row, the template documents an export carries,
 * and how an import finds or creates the templates its profiles follow.
 */
type Client = Prisma.TransactionClient | typeof db;

/** Read beside DOCUMENT_COLUMNS for a profile's `fleet`. */
export const FLEET_COLUMNS = { tags: true, templateVersion: true, template: { select: { id: true, name: true } } } as const;
type FleetRow = { tags: string; templateVersion: number | null; template: { id: string; name: string } | null };

/** The document with the row's tags and template (no `fleet` when it has neither). */
export function withFleet(doc: ProfileDocument, row: FleetRow): ProfileDocument {
  const tags = tagsOfColumn(row.tags);
  const template = row.template && row.templateVersion !== null ? { name: row.template.name, revision: row.templateVersion } : undefined;
  if (tags.length === 0 && !template) return doc;
  const fleet: Fleet = { tags, ...(template ? { template } : {}) };
  return { ...doc, fleet };
}

/**
 * The template documents of an export: every template (`all`) or those in `followed`, each with
 * the older revisions that exported followers took (`followed`: template id → their revisions).
 */
export async function exportTemplates(client: Client, followed: ReadonlyMap<string, ReadonlySet<number>>, all: boolean): Promise<TemplateDocument[]> {
  const rows = await client.template.findMany({
    where: all ? undefined : { id: { in: [...followed.keys()] } },
    select: { id: true, name: true, description: true, panel: true, os: true, version: true, policy: true },
    orderBy: { name: "asc" },
  });
  const docs: TemplateDocument[] = [];
  for (const row of rows) {
    const older = [...(followed.get(row.id) ?? [])].filter((v) => v < row.version).sort((a, b) => a - b);
    const bases: TemplateDocument["bases"] = [];
    for (const revision of older) bases.push({ revision, policy: await templateRevisionPolicy(client, row.id, revision) });
    docs.push({
      format: TEMPLATE_FORMAT, version: TEMPLATE_VERSION,
      template: { name: row.name, description: row.description, panel: panelSchema.parse(row.panel), os: osSchema.parse(row.os), revision: row.version },
      policy: readPolicy(row.policy, `Template ${row.name}`), bases,
    });
  }
  return docs;
}

/** The template a follower is linked to on import: its id (a new one is known once created), name and local revision. */
export type TemplateLink = { key: string; id: string | null; name: string; revision: number };

/** A template of the file to create: its revisions oldest first (bases, then the latest), as stored text. */
type NewTemplate = { key: string; doc: TemplateDocument; texts: string[]; fileRevisions: number[] };

export type TemplateImportPlan = { issues: CollectionIssue[]; creates: NewTemplate[]; links: (TemplateLink | null)[] };

const keyOf = (name: string) => name.toLowerCase();

/** Stored as createTemplate stores it: one choice per catalog row of the template's panel. */
function storedText(doc: TemplateDocument, policy: Policy): string {
  const { name, panel, os } = doc.template;
  return policyText(fitPolicyToCatalog(policy, templatePreviewServer({ name, panel, os })));
}

/**
 * The local revision holding each of `fileRevisions` of the file's template `doc`, found by the
 * stored text's checksum (the latest such revision): where an earlier import of the same template
 * (another part of a split export) put it. A revision missing here is left out.
 */
async function localRevisions(client: Client, templateId: string, doc: TemplateDocument, fileRevisions: readonly number[]): Promise<Map<number, number>> {
  const stored = await client.templateRevision.findMany({ where: { templateId }, select: { version: true, sha256: true }, orderBy: { version: "asc" } });
  const bySha = new Map(stored.map((r) => [r.sha256, r.version]));
  const local = new Map<number, number>();
  for (const revision of fileRevisions) {
    const policy = templateRevisionOf(doc, revision);
    const version = policy && bySha.get(sha256Of(storedText(doc, policy)));
    if (version !== undefined) local.set(revision, version);
  }
  return local;
}

/**
 * How an import's templates land: a file template whose name is new here is created, its
 * revisions renumbered from 1 (bases first, the latest last); one whose name exists (any case) is
 * reused when the existing latest policy is the file's latest and every revision the file's
 * followers take is stored here with the same policy (an earlier part of a split export created
 * them), and is otherwise a problem; a profile following a template in neither place is a
 * problem, as is one whose panel is not its template's.
 */
export async function planTemplateImport(client: Client, profiles: readonly ProfileDocument[], templates: readonly TemplateDocument[]): Promise<TemplateImportPlan> {
  const issues: CollectionIssue[] = [];
  const existing = new Map(
    (await client.template.findMany({ select: { id: true, name: true, panel: true, version: true, policy: true } })).map((t) => [keyOf(t.name), t]),
  );
  const followersOf = (key: string) => profiles.filter((p) => p.fleet?.template && keyOf(p.fleet.template.name) === key);
  const inFile = new Map<string, { doc: TemplateDocument; link: (fileRevision: number) => TemplateLink }>();
  const creates: NewTemplate[] = [];
  for (const [index, doc] of templates.entries()) {
    const key = keyOf(doc.template.name);
    const held = existing.get(key);
    if (held) {
      const refuse = (why: string) =>
        issues.push({ index, template: true, path: "template.name", message: `A template named ${held.name} already exists here and ${why}: rename one of them, or import without it.` });
      if (held.panel !== doc.template.panel || held.policy !== storedText(doc, doc.policy)) {
        refuse("its latest policy (or panel) differs from the file's");
        continue;
      }
      const taken = [...new Set(followersOf(key).map((p) => p.fleet!.template!.revision).filter((r) => r !== doc.template.revision))];
      const local = await localRevisions(client, held.id, doc, taken);
      const missing = taken.filter((r) => !local.has(r));
      if (missing.length > 0) {
        refuse(`has no revision with the policy of the file's revision${missing.length === 1 ? "" : "s"} ${missing.join(", ")}, which profiles in the file follow`);
        continue;
      }
      local.set(doc.template.revision, held.version);
      inFile.set(key, { doc, link: (r) => ({ key, id: held.id, name: held.name, revision: local.get(r) ?? 0 }) });
      continue;
    }
    const revisions = [...doc.bases, { revision: doc.template.revision, policy: doc.policy }];
    const local = new Map(revisions.map((r, i) => [r.revision, i + 1]));
    creates.push({ key, doc, texts: revisions.map((r) => storedText(doc, r.policy)), fileRevisions: revisions.map((r) => r.revision) });
    inFile.set(key, { doc, link: (r) => ({ key, id: null, name: doc.template.name, revision: local.get(r) ?? 0 }) });
  }
  const links = profiles.map((profile, index): TemplateLink | null => {
    const followed = profile.fleet?.template;
    if (!followed) return null;
    const key = keyOf(followed.name);
    const file = inFile.get(key);
    const held = existing.get(key);
    const problem = file
      ? followProblem(profile, { ...file.doc.template, hasRevision: (n) => templateRevisionOf(file.doc, n) !== undefined }, "in this file")
      : held
        ? followProblem(profile, { name: held.name, panel: panelSchema.parse(held.panel), hasRevision: (n) => n <= held.version }, "here")
        : { path: "fleet.template.name", message: `There is no template named ${followed.name}, neither in this file nor here.` };
    if (problem) issues.push({ index, ...problem });
    if (problem || (!file && !held)) return null;
    return file ? file.link(followed.revision) : { key, id: held!.id, name: held!.name, revision: followed.revision };
  });
  return { issues, creates, links };
}

/** Creates the plan's new templates (revisions of kind "import", audited); their ids by key. */
export async function createImportedTemplates(tx: Prisma.TransactionClient, user: { id: string; name: string }, creates: readonly NewTemplate[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const { key, doc, texts, fileRevisions } of creates) {
    const { name, description, panel, os } = doc.template;
    const created = await tx.template.create({
      data: { name, description, panel, os, policy: texts[texts.length - 1]!, version: texts.length, createdById: user.id },
      select: { id: true },
    });
    for (const [i, text] of texts.entries()) await storeTemplateRevision(tx, user, created.id, i + 1, text, "import");
    const older = texts.length - 1;
    await recordAudit(tx, user, {
      action: "template.create", targetType: "template", targetId: created.id,
      summary: `Imported template ${name} (revision ${texts.length}${older > 0 ? `, with ${older} older revision${older === 1 ? "" : "s"} its followers took` : ""})`,
      details: { panel, os, imported: true, revisions: fileRevisions.map((file, i) => ({ file, local: i + 1 })) },
    });
    ids.set(key, created.id);
  }
  return ids;
}
