import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { serializeProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { serializeProfileCollection, type CollectionIssue } from "@/lib/firewall/policy/collection";
import { recordAudit } from "./audit-log";
import { columnsOfDocument, DOCUMENT_COLUMNS, documentOfRow, prepareSave, writeSave } from "./history";
import { readProfileDocument } from "./policy-document";
import { nameKey, namesInUse } from "./server-names";

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

/** One profile as the documented JSON (its starting choices if the matrix was never saved). */
export async function exportProfile(id: string): Promise<{ name: string; text: string } | null> {
  const user = await requireRole("viewer");
  const row = await db.serverProfile.findUnique({ where: { id }, select: DOCUMENT_COLUMNS });
  if (!row) return null;
  const doc = documentOfRow(row);
  if (!doc) throw new AppError("conflict", "This profile's saved data cannot be read; edit and save it first.");
  await recordAudit(db, user, { action: "export.profile", targetType: "server", targetId: id, summary: `Exported ${row.name} (revision ${row.version})` });
  return { name: row.name, text: serializeProfileDocument(doc) };
}

/**
 * Every profile, oldest first, as one collection file. A backup that silently lacks a profile is
 * worse than none: if any profile cannot be read, nothing is exported and each one is named.
 */
export async function exportAllProfiles(ids?: readonly string[]): Promise<{ text: string; count: number }> {
  const user = await requireRole("viewer");
  const where = ids === undefined ? undefined : { id: { in: [...ids] } };
  const rows = await db.serverProfile.findMany({ where, select: DOCUMENT_COLUMNS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (ids !== undefined && rows.length === 0) throw new AppError("not-found", "None of the selected servers exists any more.");
  const docs: ProfileDocument[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const reading = readProfileDocument(row, row.policy);
    if (reading.ok) docs.push(reading.document);
    else unreadable.push(`${row.name}: ${reading.message}`);
  }
  if (unreadable.length > 0) {
    throw new AppError("conflict", `Nothing was exported: ${unreadable.length} profile${unreadable.length === 1 ? "" : "s"} cannot be read. ${unreadable.join(" ")}`);
  }
  const what = ids === undefined ? `Exported ${docs.length} profiles` : `Exported ${docs.length} selected profile${docs.length === 1 ? "" : "s"}: ${rows.slice(0, 20).map((r) => r.name).join(", ")}${rows.length > 20 ? ", …" : ""}`;
  await recordAudit(db, user, { action: "export.all", targetType: "server", targetId: "*", summary: what });
  return { text: serializeProfileCollection(docs), count: docs.length };
}

/**
 * Creates one profile per document in a single transaction: a name already in use refuses the
 * whole import (with every clash listed), so it lands completely or not at all. Everything costly
 * (serializing, diffing for the audit) happens before the transaction, which then only inserts:
 * a large import holds the database's write lock for the writes alone. `from` names where the
 * profiles came from (a firewall's files) in the audit summary.
 */
export async function importProfiles(docs: readonly ProfileDocument[], from?: string): Promise<{ id: string; name: string }[]> {
  const user = await requireRole("editor");
  const prepared = docs.map((doc) => ({
    columns: columnsOfDocument(doc),
    save: prepareSave({ version: 1, before: null, after: doc, kind: "import", action: "server.import", summary: `Imported ${doc.server.name}${from ? ` from ${from}` : ""}` }),
  }));
  const names = docs.map((d) => d.server.name);
  const refuseTaken = (taken: Map<string, string>) => {
    const issues = docs.flatMap((d, index) => {
      const held = taken.get(nameKey(d.server.name));
      return held === undefined ? [] : [{ index, path: "server.name", message: `A server named "${held}" already exists.` }];
    });
    if (issues.length > 0) throw new ImportRefused(issues);
  };
  const takenNames = (client: Parameters<typeof namesInUse>[0]) => namesInUse(client, names);
  // Checked before (a clear answer without taking the lock) and again inside (someone may have been quicker).
  refuseTaken(await takenNames(db));
  return db.$transaction(async (tx) => {
    refuseTaken(await takenNames(tx));
    const created: { id: string; name: string }[] = [];
    for (const { columns, save } of prepared) {
      const row = await tx.serverProfile.create({ data: { ...columns, createdById: user.id }, select: { id: true, name: true, version: true } });
      await writeSave(tx, user, row.id, { ...save, version: row.version });
      created.push({ id: row.id, name: row.name });
    }
    return created;
  });
}
