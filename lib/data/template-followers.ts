import "server-only";
import { randomUUID } from "node:crypto";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { criticalWarnings, newCriticalWarnings, serializeProfileDocument, type Policy, type ProfileDocument } from "@/lib/firewall";
import { diffDocuments, type DiffEntry } from "@/lib/firewall/diff";
import { templateOverrides, updateFollower, type KeptOverride, type TemplateOverride } from "@/lib/firewall/policy/template";
import { panelSchema } from "@/lib/firewall/policy/schema";
import type { ApplyTemplateInput } from "@/lib/validations/template";
import { recordAudit } from "./audit-log";
import { DOCUMENT_COLUMNS, documentOfRow, recordSave, rewriteProfile } from "./history";
import { buildDocument } from "./policy-document";
import { storeAcknowledgement } from "./policies";
import { templateRevisionPolicy } from "./templates";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** What a follower's pages show of its template: which revision it took, what it overrides, whether a newer one waits. */
export type Following = {
  templateId: string;
  templateName: string;
  /** The revision this server took: what "inherited" and "overridden" are measured against. */
  templateVersion: number;
  latestVersion: number;
  base: Policy;
  overrides: TemplateOverride[];
};

/** Null when the server follows no template. */
export async function getFollowing(serverId: string, policy?: Policy): Promise<Following | null> {
  await requireRole("viewer");
  const row = await db.serverProfile.findUnique({
    where: { id: serverId },
    select: { ...DOCUMENT_COLUMNS, templateVersion: true, template: { select: { id: true, name: true, version: true } } },
  });
  if (!row?.template || row.templateVersion === null) return null;
  const base = await templateRevisionPolicy(db, row.template.id, row.templateVersion);
  const current = policy ?? documentOfRow(row)?.policy;
  const overrides = current ? templateOverrides(base, current, panelSchema.parse(row.panel)) : [];
  return { templateId: row.template.id, templateName: row.template.name, templateVersion: row.templateVersion, latestVersion: row.template.version, base, overrides };
}

export type UpdatePreviewItem = {
  id: string;
  name: string;
  /** The server's revision the preview was made from (the apply step refuses if it moved). */
  version: number;
  fromVersion: number;
  /** Already at the template's revision: nothing to do. */
  upToDate: boolean;
  changes: DiffEntry[];
  changeCount: number;
  /** Critical warnings the update adds: the admin acknowledges them to apply it. */
  newCritical: { id: string; title: string }[];
  /** Fields where this server's override was kept although the template changed them too. */
  kept: KeptOverride[];
  overridesAfter: number;
  error: string | null;
};

export type UpdatePreview = { templateId: string; templateName: string; templateVersion: number; items: UpdatePreviewItem[] };

const PREVIEW_CHANGES = 30;

type FollowerRow = Awaited<ReturnType<typeof readFollowers>>[number];

async function readFollowers(client: Tx | typeof db, templateId: string, ids?: readonly string[]) {
  return client.serverProfile.findMany({
    where: { templateId, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: { ...DOCUMENT_COLUMNS, templateVersion: true },
    orderBy: { name: "asc" },
  });
}

type Planned = UpdatePreviewItem & { before: ProfileDocument | null; after: ProfileDocument | null };

/** One follower's update: the merge of its overrides onto the new revision, with its diff and warnings. */
async function planOne(client: Tx | typeof db, row: FollowerRow, templateId: string, next: { version: number; policy: Policy }, bases: Map<number, Policy>): Promise<Planned> {
  const fromVersion = row.templateVersion ?? next.version;
  const empty = { id: row.id, name: row.name, version: row.version, fromVersion, changes: [], changeCount: 0, newCritical: [], kept: [], overridesAfter: 0, before: null, after: null };
  if (fromVersion >= next.version) return { ...empty, upToDate: true, error: null };
  const before = documentOfRow(row);
  if (!before) return { ...empty, upToDate: false, error: "Its saved profile cannot be read; open and save it first." };
  let base = bases.get(fromVersion);
  if (!base) {
    base = await templateRevisionPolicy(client, templateId, fromVersion);
    bases.set(fromVersion, base);
  }
  const update = updateFollower(base, before.policy, next.policy, before.server);
  if (!update.ok) return { ...empty, upToDate: false, error: update.message };
  const built = buildDocument(row, update.policy);
  if (!built.ok) return { ...empty, upToDate: false, error: built.message };
  const after = built.document;
  const changes = diffDocuments(before, after);
  const newCritical = newCriticalWarnings(before, after);
  const overridesAfter = templateOverrides(next.policy, after.policy, after.server.panel).length;
  return { ...empty, upToDate: false, error: null, changes: changes.slice(0, PREVIEW_CHANGES), changeCount: changes.length, newCritical, kept: update.kept, overridesAfter, before, after };
}

async function latestOf(client: Tx | typeof db, templateId: string) {
  const template = await client.template.findUnique({ where: { id: templateId }, select: { id: true, name: true, version: true } });
  if (!template) throw new AppError("not-found", "This template no longer exists.");
  return { ...template, policy: await templateRevisionPolicy(client, templateId, template.version) };
}

/** What the template's latest revision would do to each follower; nothing is stored. */
export async function previewTemplateUpdate(templateId: string): Promise<UpdatePreview> {
  await requireRole("viewer");
  const template = await latestOf(db, templateId);
  const rows = await readFollowers(db, templateId);
  const bases = new Map<number, Policy>();
  const items: UpdatePreviewItem[] = [];
  for (const row of rows) {
    const plan = await planOne(db, row, templateId, template, bases);
    const { id, name, version, fromVersion, upToDate, changes, changeCount, newCritical, kept, overridesAfter, error } = plan;
    items.push({ id, name, version, fromVersion, upToDate, changes, changeCount, newCritical, kept, overridesAfter, error });
  }
  return { templateId, templateName: template.name, templateVersion: template.version, items };
}

export type UpdateResult = { updated: string[]; templateVersion: number };

/**
 * Brings the selected followers to the template's revision `templateVersion`, each at the version
 * its preview showed, in one transaction: each gets its own revision (kind "template"), its
 * template version moves, and the audit names the template update. A server whose update adds
 * critical warnings needs them acknowledged here (recorded as usual, for its new revision).
 * Refused as a whole when the template or a selected server changed since the preview.
 */
export async function applyTemplateUpdate(templateId: string, input: ApplyTemplateInput): Promise<UpdateResult> {
  const user = await requireRole("editor");
  const updateId = randomUUID();
  return db.$transaction(async (tx) => {
    const template = await latestOf(tx, templateId);
    if (template.version !== input.templateVersion) {
      throw new AppError("conflict", `The template was saved again since the review (revision ${input.templateVersion}, now ${template.version}): review it again.`);
    }
    const rows = await readFollowers(tx, templateId, input.servers.map((s) => s.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const moved = input.servers.filter((s) => byId.get(s.id)?.version !== s.version);
    if (moved.length > 0) {
      const names = moved.map((s) => byId.get(s.id)?.name ?? "(deleted or no longer following)");
      throw new AppError("conflict", `Nothing was changed: ${names.slice(0, 10).join(", ")} changed since the review. Review again.`);
    }
    const acknowledged = new Set(input.acknowledged);
    const bases = new Map<number, Policy>();
    const plans: Planned[] = [];
    for (const row of rows) plans.push(await planOne(tx, row, templateId, template, bases));
    const problems = plans.flatMap((p) => {
      if (p.error) return [`${p.name}: ${p.error}`];
      if (p.newCritical.length > 0 && !acknowledged.has(p.id)) return [`${p.name}: acknowledge its new critical warnings (${p.newCritical.map((w) => w.title).join("; ")}) or leave it out.`];
      return [];
    });
    if (problems.length > 0) throw new AppError("bad-request", `Nothing was changed. ${problems.slice(0, 10).join(" ")}`);
    const updated: string[] = [];
    for (const plan of plans) {
      if (plan.upToDate || !plan.after) continue;
      await updateRow(tx, user, plan, { id: templateId, name: template.name, version: template.version, updateId });
      updated.push(plan.name);
    }
    return { updated, templateVersion: template.version };
  });
}

async function updateRow(tx: Tx, user: { id: string; name: string }, plan: Planned, template: { id: string; name: string; version: number; updateId: string }): Promise<void> {
  const after = plan.after!;
  const changed = plan.changeCount > 0 || serializeProfileDocument(after) !== (plan.before ? serializeProfileDocument(plan.before) : "");
  const columns = { templateVersion: template.version };
  const details = { templateId: template.id, templateName: template.name, from: plan.fromVersion, to: template.version, updateId: template.updateId, kept: plan.kept.map((k) => k.title) };
  if (!changed) {
    // Nothing this server has changes (its overrides cover all of it): it only records the revision it took.
    await tx.serverProfile.update({ where: { id: plan.id }, data: columns });
    await recordAudit(tx, user, { action: "template.apply", targetType: "server", targetId: plan.id, summary: `${plan.name} took template ${template.name} revision ${template.version} (no change to its rules)`, details });
    return;
  }
  if (!(await rewriteProfile(tx, plan.id, plan.version, { policy: serializeProfileDocument(after), ...columns }))) {
    throw new AppError("conflict", `Nothing was changed: ${plan.name} was saved in the meantime. Review again.`);
  }
  const version = plan.version + 1;
  await recordSave(tx, user, {
    profileId: plan.id, version, before: plan.before, after, kind: "template", action: "template.apply",
    summary: `Template ${template.name} revision ${template.version} applied to ${plan.name}`, details,
  });
  if (plan.newCritical.length > 0) {
    // The review page took the acknowledgement: stored as a server's own review page stores one.
    await storeAcknowledgement(tx, user, { id: plan.id, name: plan.name, version, warningIds: criticalWarnings(after).map((w) => w.id) }, "template update");
  }
}

