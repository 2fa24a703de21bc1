import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { serializeProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { COLLECTION_MAX_PROFILES, COLLECTION_MAX_TEMPLATES, splitProfileCollection, type CollectionIssue } from "@/lib/firewall/policy/collection";
import type { TemplateDocument } from "@/lib/firewall/policy/template-document";
import { IMPORT_LIMIT_BYTES } from "@/lib/validations/import";
import { tagsColumn } from "@/lib/validations/tags";
import { recordAudit } from "./audit-log";
import { columnsOfDocument, DOCUMENT_COLUMNS, documentOfRow, prepareSave, writeSave } from "./history";
import { readProfileDocument } from "./policy-document";
import { nameKey, namesInUse } from "./server-names";
import { createImportedTemplates, exportTemplates, FLEET_COLUMNS, planTemplateImport, withFleet, type TemplateLink } from "./template-transfer";

/** Thrown when an import is refused as a whole; `issues` says where each problem is. */
export class ImportRefused extends AppError {
  constructor(readonly issues: CollectionIssue[]) {
    super("conflict", `Nothing was imported: ${issues.length} problem${issues.length === 1 ? "" : "s"} found.`);
  }
}

/** The stored name equal to `name` in any case, or null: the firewall import's review says so before anything is stored. */
export async function serverNameInUse(name: string): Promise<string | null> {
  await requireRole("viewer");
  return (await namesInUse(db, [name])).get(nameKey(name)) ?? null;
}

const EXPORT_COLUMNS = { ...DOCUMENT_COLUMNS, ...FLEET_COLUMNS } as const;

/**
 * One profile as the documented JSON (its starting choices if the matrix was never saved), with
 * its tags and the template it follows in `fleet` (the template itself travels only in collections).
 */
export async function exportProfile(id: string): Promise<{ name: string; text: string } | null> {
  const user = await requireRole("viewer");
  const row = await db.serverProfile.findUnique({ where: { id }, select: EXPORT_COLUMNS });
  if (!row) return null;
  const doc = documentOfRow(row);
  if (!doc) throw new AppError("conflict", "This profile's saved data cannot be read; edit and save it first.");
  await recordAudit(db, user, { action: "export.profile", targetType: "server", targetId: id, summary: `Exported ${row.name} (revision ${row.version})` });
  return { name: row.name, text: serializeProfileDocument(withFleet(doc, row)) };
}

/** What the import takes in one file: an export bigger than this comes in parts. */
export const IMPORTABLE_FILE = { maxProfiles: COLLECTION_MAX_PROFILES, maxTemplates: COLLECTION_MAX_TEMPLATES, maxBytes: IMPORT_LIMIT_BYTES } as const;

/**
 * Every profile, oldest first, as one collection file, with the templates they follow (export
 * all: every template) and the older template revisions that followers took; a fleet bigger than
 * one importable file comes as several (`parts`, lib/firewall/policy/collection.ts), each of
 * which imports on its own. A backup that silently lacks a profile is worse than none: if any
 * profile cannot be read, nothing is exported and each one is named.
 */
export async function exportAllProfiles(ids?: readonly string[]): Promise<{ parts: string[]; count: number }> {
  const user = await requireRole("viewer");
  const where = ids === undefined ? undefined : { id: { in: [...ids] } };
  const rows = await db.serverProfile.findMany({ where, select: EXPORT_COLUMNS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (ids !== undefined && rows.length === 0) throw new AppError("not-found", "None of the selected servers exists any more.");
  const docs: ProfileDocument[] = [];
  const unreadable: string[] = [];
  const followed = new Map<string, Set<number>>();
  for (const row of rows) {
    const reading = readProfileDocument(row, row.policy);
    if (reading.ok) docs.push(withFleet(reading.document, row));
    else unreadable.push(`${row.name}: ${reading.message}`);
    if (row.template && row.templateVersion !== null) followed.set(row.template.id, (followed.get(row.template.id) ?? new Set()).add(row.templateVersion));
  }
  if (unreadable.length > 0) {
    throw new AppError("conflict", `Nothing was exported: ${unreadable.length} profile${unreadable.length === 1 ? "" : "s"} cannot be read. ${unreadable.join(" ")}`);
  }
  const what = ids === undefined ? `Exported ${docs.length} profiles` : `Exported ${docs.length} selected profile${docs.length === 1 ? "" : "s"}: ${rows.slice(0, 20).map((r) => r.name).join(", ")}${rows.length > 20 ? ", …" : ""}`;
  const templates = await exportTemplates(db, followed, ids === undefined);
  const withTemplates = templates.length === 0 ? what : `${what}, with ${templates.length} template${templates.length === 1 ? "" : "s"}`;
  const parts = splitProfileCollection(docs, templates, IMPORTABLE_FILE);
  const summary = parts.length === 1 ? withTemplates : `${withTemplates}, in ${parts.length} files`;
  await recordAudit(db, user, { action: "export.all", targetType: "server", targetId: "*", summary });
  return { parts, count: docs.length };
}

/**
 * Creates one profile per document in a single transaction: a name already in use refuses the
 * whole import (with every clash listed), so it lands completely or not at all. Everything costly
 * (serializing, diffing for the audit) happens before the transaction, which then only inserts:
 * a large import holds the database's write lock for the writes alone. `from` names where the
 * profiles came from (a firewall's files) in the audit summary.
 */
export async function importProfiles(docs: readonly ProfileDocument[], from?: string): Promise<{ id: string; name: string }[]> {
  return (await importCollection({ profiles: docs, templates: [] }, from)).profiles;
}

type Prepared = { index: number; tags: string; columns: ReturnType<typeof columnsOfDocument>; save: ReturnType<typeof prepareSave> };

/** The template columns of a follower, once its template exists. */
function templateColumns(link: TemplateLink | null, created: ReadonlyMap<string, string>) {
  if (!link) return {};
  const id = link.id ?? created.get(link.key);
  if (!id) throw new AppError("conflict", `Template ${link.name} was not created.`);
  return { templateId: id, templateVersion: link.revision, templateName: link.name };
}

/**
 * `importProfiles` with the templates the profiles follow (a `portcullis/profiles` collection,
 * lib/firewall/policy/collection.ts). New templates are created first (template-transfer.ts says
 * which are reused and which refuse the import), then the profiles with their tags and the
 * template revision they took; every problem refuses the whole import before anything is stored.
 * A profile's stored document does not carry `fleet`: the row's columns hold it.
 */
/** What an import created: the profiles, and how many templates it added (a part of a split export may hold only templates). */
export type ImportedCollection = { profiles: { id: string; name: string }[]; templates: number };

export async function importCollection(file: { profiles: readonly ProfileDocument[]; templates: readonly TemplateDocument[] }, from?: string): Promise<ImportedCollection> {
  const user = await requireRole("editor");
  const docs = file.profiles;
  const prepared: Prepared[] = docs.map(({ fleet, ...doc }, index) => {
    const follows = fleet?.template ? ` (follows template ${fleet.template.name}, revision ${fleet.template.revision} in the file)` : "";
    return {
      index, tags: tagsColumn(fleet?.tags ?? []),
      columns: columnsOfDocument(doc),
      save: prepareSave({
        version: 1, before: null, after: doc, kind: "import", action: "server.import",
        summary: `Imported ${doc.server.name}${from ? ` from ${from}` : ""}${follows}`,
        details: fleet ? { fleet } : undefined,
      }),
    };
  });
  const names = docs.map((d) => d.server.name);
  const refuse = (taken: Map<string, string>, plan: Awaited<ReturnType<typeof planTemplateImport>>) => {
    const issues: CollectionIssue[] = docs.flatMap((d, index) => {
      const held = taken.get(nameKey(d.server.name));
      return held === undefined ? [] : [{ index, path: "server.name", message: `A server named "${held}" already exists.` }];
    });
    issues.push(...plan.issues);
    if (issues.length > 0) throw new ImportRefused(issues);
  };
  type Client = Parameters<typeof namesInUse>[0] & Parameters<typeof planTemplateImport>[0];
  const check = async (client: Client) => {
    const plan = await planTemplateImport(client, docs, file.templates);
    refuse(await namesInUse(client, names), plan);
    return plan;
  };
  // Checked before (a clear answer without taking the lock) and again inside (someone may have been quicker).
  await check(db);
  return db.$transaction(async (tx) => {
    const plan = await check(tx);
    const createdTemplates = await createImportedTemplates(tx, user, plan.creates);
    const created: { id: string; name: string }[] = [];
    for (const { index, tags, columns, save } of prepared) {
      const data = { ...columns, tags, ...templateColumns(plan.links[index] ?? null, createdTemplates), createdById: user.id };
      const row = await tx.serverProfile.create({ data, select: { id: true, name: true, version: true } });
      await writeSave(tx, user, row.id, { ...save, version: row.version });
      created.push({ id: row.id, name: row.name });
    }
    return { profiles: created, templates: createdTemplates.size };
  });
}
