import "server-only";
import { randomUUID } from "node:crypto";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newCriticalWarnings, serializeProfileDocument, type Policy, type ProfileDocument } from "@/lib/firewall";
import { diffDocuments, type DiffEntry } from "@/lib/firewall/diff";
import { applyBulkChange, applyTagChange, BULK_MAX_SERVERS, changesDocument, describeBulkChange, type BulkChange } from "@/lib/fleet/bulk";
import type { ServerListQuery } from "@/lib/validations/server-list";
import { tagsColumn, tagsOfColumn, TAGS_MAX } from "@/lib/validations/tags";
import { recordAudit } from "./audit-log";
import { DOCUMENT_COLUMNS, documentOfRow, recordSave, rewriteProfile } from "./history";
import { buildDocument } from "./policy-document";
import { queryServerIds } from "./server-list-query";
import { templateRevisionPolicy } from "./templates";

/** What the preview shows of one server, and what the apply step must find unchanged (`version`). */
export type BulkPreviewItem = {
  id: string;
  name: string;
  version: number;
  /** False when the server already is as asked: it gets no revision. */
  changed: boolean;
  changes: DiffEntry[];
  changeCount: number;
  /** Critical warnings the change adds (their acknowledgement is needed before a download, as usual). */
  newCritical: { id: string; title: string }[];
  /** Why this server cannot take the change; the action is refused as a whole while any has one. */
  error: string | null;
  tags: { from: string[]; to: string[] } | null;
  /** A change of the template followed (follow, stop following), beside any revision. */
  template: { from: string | null; to: string | null } | null;
};

export type BulkPreview = { description: string; items: BulkPreviewItem[]; missing: number };

const PREVIEW_CHANGES = 20;

/** The servers of a selection: the ids given, or every server the list's filter finds (at most BULK_MAX_SERVERS). */
export async function resolveSelection(selection: { ids: string[] } | { query: ServerListQuery }): Promise<string[]> {
  await requireRole("viewer");
  if ("ids" in selection) return [...new Set(selection.ids)];
  const ids = await queryServerIds(db, selection.query, BULK_MAX_SERVERS + 1);
  if (ids.length > BULK_MAX_SERVERS) {
    throw new AppError("bad-request", `This filter finds more than ${BULK_MAX_SERVERS.toLocaleString("en")} servers; one bulk action reaches at most that many. Narrow the filter.`);
  }
  return ids;
}

type Row = Awaited<ReturnType<typeof readRows>>[number];

/** The template a "follow" change names, at its latest revision. */
type TemplateTarget = { id: string; name: string; panel: string; version: number; policy: Policy };

async function templateTarget(client: Client, change: BulkChange): Promise<TemplateTarget | null> {
  if (change.kind !== "follow") return null;
  const row = await client.template.findUnique({ where: { id: change.templateId }, select: { id: true, name: true, panel: true, version: true } });
  if (!row) throw new AppError("not-found", "That template no longer exists.");
  return { ...row, policy: await templateRevisionPolicy(client, row.id, row.version) };
}

function previewOne(row: Row, change: BulkChange, target: TemplateTarget | null): BulkPreviewItem & { after: ProfileDocument | null; before: ProfileDocument | null } {
  const base = { id: row.id, name: row.name, version: row.version, changes: [], changeCount: 0, newCritical: [], tags: null, template: null, before: null, after: null };
  if (change.kind === "unfollow") {
    return { ...base, changed: row.templateId !== null, error: null, template: row.templateId ? { from: row.templateName, to: null } : null };
  }
  if (change.kind === "follow") {
    if (!target) throw new Error("A follow change needs its template.");
    if (row.panel !== target.panel) return { ...base, changed: false, error: `It runs ${row.panel}; ${target.name} is a template for ${target.panel}.` };
  }
  if (change.kind === "tags") {
    const from = tagsOfColumn(row.tags);
    const to = applyTagChange(from, change);
    if (to && to.length > TAGS_MAX) return { ...base, changed: false, error: `It would have ${to.length} tags; at most ${TAGS_MAX}.` };
    return { ...base, changed: to !== null, error: null, tags: to ? { from, to } : null };
  }
  const before = documentOfRow(row);
  if (!before) return { ...base, changed: false, error: "Its saved profile cannot be read; open and save it first." };
  const outcome = applyBulkChange(before.policy, change, target?.policy);
  const template = target && (row.templateId !== target.id || row.templateVersion !== target.version) ? { from: row.templateId ? row.templateName : null, to: target.name } : null;
  if (!outcome.changed) return { ...base, changed: template !== null, error: null, before, template };
  const built = buildDocument(row, outcome.policy);
  if (!built.ok) return { ...base, changed: false, error: built.message, before };
  const after = built.document;
  const changes = diffDocuments(before, after);
  const newCritical = newCriticalWarnings(before, after);
  return { ...base, changed: true, error: null, changes: changes.slice(0, PREVIEW_CHANGES), changeCount: changes.length, newCritical, before, after, template };
}

type Client = Parameters<Parameters<typeof db.$transaction>[0]>[0] | typeof db;

async function readRows(client: Client, ids: readonly string[]) {
  const rows = await client.serverProfile.findMany({ where: { id: { in: [...ids] } }, select: { ...DOCUMENT_COLUMNS, tags: true, templateId: true, templateVersion: true, templateName: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** What the change would do to each selected server; nothing is stored. */
export async function previewBulkChange(ids: readonly string[], change: BulkChange): Promise<BulkPreview> {
  await requireRole("editor");
  if (ids.length > BULK_MAX_SERVERS) throw new AppError("bad-request", `Select at most ${BULK_MAX_SERVERS.toLocaleString("en")} servers.`);
  const target = await templateTarget(db, change);
  const rows = await readRows(db, ids);
  const items = rows.map((row): BulkPreviewItem => {
    const { id, name, version, changed, changes, changeCount, newCritical, error, tags, template } = previewOne(row, change, target);
    return { id, name, version, changed, changes, changeCount, newCritical, error, tags, template };
  });
  return { description: describeBulkChange(change, target?.name), items, missing: ids.length - rows.length };
}

export type BulkResult = { bulkId: string; description: string; changed: string[]; unchanged: number };

/**
 * Applies the change to each server at the version its preview showed, in one transaction: every
 * changed server gets its own revision, audited as part of this bulk action (its id and what it
 * did). Refused as a whole, storing nothing, when a server was saved or deleted since the preview
 * or cannot take the change.
 */
export async function applyBulkChangeTo(expected: readonly { id: string; version: number }[], change: BulkChange): Promise<BulkResult> {
  const user = await requireRole("editor");
  if (expected.length === 0) throw new AppError("bad-request", "Select at least one server.");
  if (expected.length > BULK_MAX_SERVERS) throw new AppError("bad-request", `Select at most ${BULK_MAX_SERVERS.toLocaleString("en")} servers.`);
  const bulkId = randomUUID();
  return db.$transaction(async (tx) => {
    const target = await templateTarget(tx, change);
    const description = describeBulkChange(change, target?.name);
    const rows = await readRows(tx, expected.map((e) => e.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const moved = expected.filter((e) => byId.get(e.id)?.version !== e.version);
    if (moved.length > 0) {
      const names = moved.map((e) => byId.get(e.id)?.name ?? "(deleted)");
      throw new AppError("conflict", `Nothing was changed: ${names.length} server${names.length === 1 ? " was" : "s were"} saved or deleted since the preview (${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""}). Preview again.`);
    }
    const previews = rows.map((row) => ({ row, preview: previewOne(row, change, target) }));
    const refused = previews.filter((p) => p.preview.error !== null);
    if (refused.length > 0) {
      throw new AppError("bad-request", `Nothing was changed: ${refused.slice(0, 10).map((p) => `${p.row.name}: ${p.preview.error}`).join(" ")}`);
    }
    const changed: string[] = [];
    const details = { bulkId, bulk: change.kind, description, servers: expected.length };
    for (const { row, preview } of previews) {
      if (!preview.changed) continue;
      changed.push(row.name);
      const summary = `Bulk action (${description}) on ${row.name}`;
      if (change.kind === "tags") {
        await tx.serverProfile.update({ where: { id: row.id }, data: { tags: tagsColumn(preview.tags!.to) } });
        await recordAudit(tx, user, { action: "server.bulk", targetType: "server", targetId: row.id, summary: `${summary}: tags ${preview.tags!.to.join(" ") || "none"}`, details: { ...details, tags: preview.tags } });
        continue;
      }
      const membership = change.kind === "unfollow" ? { templateId: null, templateVersion: null, templateName: "" }
        : target ? { templateId: target.id, templateVersion: target.version, templateName: target.name } : null;
      const templateAction = change.kind === "unfollow" ? "template.unfollow" : "template.follow";
      const after = preview.after;
      if (!changesDocument(change) || !after) {
        // Only the template followed changes: no new revision (the rules stay as they are).
        await tx.serverProfile.update({ where: { id: row.id }, data: membership! });
        await recordAudit(tx, user, { action: templateAction, targetType: "server", targetId: row.id, summary: `${summary}: ${preview.template?.to ? `follows ${preview.template.to}` : `no longer follows ${preview.template?.from}`}, rules unchanged`, details: { ...details, template: preview.template } });
        continue;
      }
      if (!(await rewriteProfile(tx, row.id, row.version, { policy: serializeProfileDocument(after), ...(membership ?? {}) }))) {
        throw new AppError("conflict", `Nothing was changed: ${row.name} was saved in the meantime. Preview again.`);
      }
      const kind = membership ? "follow" : "bulk";
      await recordSave(tx, user, { profileId: row.id, version: row.version + 1, before: preview.before, after, kind, action: membership ? templateAction : "server.bulk", summary, details: { ...details, ...(preview.template ? { template: preview.template } : {}) } });
    }
    return { bulkId, description, changed, unchanged: previews.length - changed.length };
  });
}

/** Names of the selected servers, in the selection's order (the bulk page lists them). */
export async function selectedServers(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  await requireRole("viewer");
  const rows = await db.serverProfile.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
