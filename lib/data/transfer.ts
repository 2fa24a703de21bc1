import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { serializeProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { serializeProfileCollection, type CollectionIssue } from "@/lib/firewall/policy/collection";
import { recordAudit } from "./audit-log";
import { columnsOfDocument, DOCUMENT_COLUMNS, documentOfRow } from "./history";
import { readProfileDocument } from "./policy-document";
import { recordCreated } from "./server-profiles";

/** Thrown when an import is refused as a whole; `issues` says where each problem is. */
export class ImportRefused extends AppError {
  constructor(readonly issues: CollectionIssue[]) {
    super("conflict", `Nothing was imported: ${issues.length} problem${issues.length === 1 ? "" : "s"} found.`);
  }
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
export async function exportAllProfiles(): Promise<{ text: string; count: number }> {
  const user = await requireRole("viewer");
  const rows = await db.serverProfile.findMany({ select: DOCUMENT_COLUMNS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
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
  await recordAudit(db, user, { action: "export.all", targetType: "server", targetId: "*", summary: `Exported ${docs.length} profiles` });
  return { text: serializeProfileCollection(docs), count: docs.length };
}

/**
 * Creates one profile per document in a single transaction: a name already in use refuses the
 * whole import (with every clash listed), so it lands completely or not at all.
 */
export async function importProfiles(docs: readonly ProfileDocument[]): Promise<{ id: string; name: string }[]> {
  const user = await requireRole("editor");
  return db.$transaction(async (tx) => {
    const names = docs.map((d) => d.server.name);
    const taken = new Set((await tx.serverProfile.findMany({ where: { name: { in: names } }, select: { name: true } })).map((r) => r.name));
    const issues = docs.flatMap((d, index) =>
      taken.has(d.server.name) ? [{ index, path: "server.name", message: `A server named "${d.server.name}" already exists.` }] : [],
    );
    if (issues.length > 0) throw new ImportRefused(issues);
    const created: { id: string; name: string }[] = [];
    for (const doc of docs) {
      const row = await tx.serverProfile.create({ data: { ...columnsOfDocument(doc), createdById: user.id }, select: DOCUMENT_COLUMNS });
      await recordCreated(tx, user, row, "import", `Imported ${row.name}`);
      created.push({ id: row.id, name: row.name });
    }
    return created;
  });
}
