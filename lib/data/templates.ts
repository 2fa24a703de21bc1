import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { PROFILE_FORMAT, PROFILE_VERSION, type Policy, type ProfileDocument } from "@/lib/firewall";
import { defaultPolicy } from "@/lib/firewall/policy/defaults";
import { diffDocuments, summarizeDiff, type DiffEntry } from "@/lib/firewall/diff";
import { osSchema, panelSchema, policySchema, type Panel } from "@/lib/firewall/policy/schema";
import type { OperatingSystem } from "@/lib/firewall/policy/os";
import { templatePreviewServer } from "@/lib/firewall/policy/template";
import type { CreateTemplateInput } from "@/lib/validations/template";
import { recordAudit } from "./audit-log";
import { documentOfRow, DOCUMENT_COLUMNS } from "./history";
import { fitPolicyToCatalog } from "./policy-document";
import { packText, sha256Of, unpackText } from "./revision-codec";

type Client = Prisma.TransactionClient | typeof db;

export type TemplateSummary = {
  id: string; name: string; description: string; panel: Panel; os: OperatingSystem; version: number;
  updatedAt: Date; followers: number; behind: number;
};

export type TemplateRecord = TemplateSummary & {
  createdAt: Date;
  policy: Policy;
  /** The template's policy as a profile document of its preview server (for the matrix and warnings). */
  document: ProfileDocument;
};

export type TemplateFollower = { id: string; name: string; version: number; templateVersion: number | null };

/** The canonical text a template's policy is stored as (schema order, two-space indent like profile documents). */
export const policyText = (policy: Policy): string => `${JSON.stringify(policySchema.parse(policy), null, 2)}\n`;

export function readPolicy(text: string, what: string): Policy {
  const parsed = policySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError("conflict", `${what} cannot be read: ${parsed.error.issues[0]?.message ?? "not valid"}.`);
  return parsed.data;
}

/** A template's document: its policy on its preview server, fitted to its panel's catalog. */
export function templateDocument(t: { name: string; panel: string; os: string }, policy: Policy): ProfileDocument {
  const server = templatePreviewServer({ name: t.name, panel: panelSchema.parse(t.panel), os: osSchema.parse(t.os) });
  return { format: PROFILE_FORMAT, version: PROFILE_VERSION, server, policy: fitPolicyToCatalog(policy, server) };
}

/** A template name equal to `name` in any case (the index compares with NOCASE), or null. */
export async function templateNameHeld(client: Client, name: string, except = ""): Promise<string | null> {
  const rows = await client.$queryRaw<{ name: string }[]>`SELECT name FROM "Template" WHERE lower(name) = ${name.toLowerCase()} AND id <> ${except}`;
  return rows[0]?.name ?? null;
}

function nameTaken(name: string, held: string): AppError {
  const message = held === name ? `A template named ${name} already exists.` : `A template named ${held} already exists; names are unique regardless of case.`;
  return new AppError("conflict", "A template with that name already exists.", { name: [message] });
}

/** Keeps one template revision (the policy text, deflated). */
export async function storeTemplateRevision(client: Client, actor: { id: string; name: string }, templateId: string, version: number, text: string, kind: string): Promise<void> {
  await client.templateRevision.create({
    data: { templateId, version, data: packText(text), sha256: sha256Of(text), kind, userId: actor.id, userName: actor.name },
  });
}

/** The policy of template revision `version` (a follower's merge base), checked against its hash. */
export async function templateRevisionPolicy(client: Client, templateId: string, version: number): Promise<Policy> {
  const row = await client.templateRevision.findUnique({ where: { templateId_version: { templateId, version } }, select: { data: true, sha256: true } });
  if (!row) throw new AppError("not-found", `There is no revision ${version} of this template.`);
  const text = unpackText(row.data);
  if (sha256Of(text) !== row.sha256) throw new AppError("conflict", `Template revision ${version} is damaged (its checksum does not match).`);
  return readPolicy(text, `Template revision ${version}`);
}

const SUMMARY_SELECT = { id: true, name: true, description: true, panel: true, os: true, version: true, updatedAt: true, createdAt: true, policy: true } as const;
type Row = Prisma.TemplateGetPayload<{ select: typeof SUMMARY_SELECT }>;

async function followerCounts(client: Client, ids: readonly string[]): Promise<Map<string, { followers: number; behind: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await client.$queryRaw<{ templateId: string; followers: bigint | number; behind: bigint | number }[]>`
    SELECT s."templateId" AS "templateId", COUNT(*) AS followers, SUM(CASE WHEN s."templateVersion" < t."version" THEN 1 ELSE 0 END) AS behind
    FROM "ServerProfile" s JOIN "Template" t ON t.id = s."templateId"
    WHERE s."templateId" IN (${Prisma.join([...ids])}) GROUP BY s."templateId"`;
  return new Map(rows.map((r) => [r.templateId, { followers: Number(r.followers), behind: Number(r.behind) }]));
}

function summaryOf(row: Row, counts: Map<string, { followers: number; behind: number }>): TemplateSummary {
  const { followers = 0, behind = 0 } = counts.get(row.id) ?? {};
  return {
    id: row.id, name: row.name, description: row.description, panel: panelSchema.parse(row.panel), os: osSchema.parse(row.os),
    version: row.version, updatedAt: row.updatedAt, followers, behind,
  };
}

export async function listTemplates(): Promise<TemplateSummary[]> {
  await requireRole("viewer");
  const rows = await db.template.findMany({ select: SUMMARY_SELECT, orderBy: { name: "asc" } });
  const counts = await followerCounts(db, rows.map((r) => r.id));
  return rows.map((r) => summaryOf(r, counts));
}

export async function getTemplate(id: string): Promise<TemplateRecord | null> {
  await requireRole("viewer");
  const row = await db.template.findUnique({ where: { id }, select: SUMMARY_SELECT });
  if (!row) return null;
  const counts = await followerCounts(db, [id]);
  const policy = readPolicy(row.policy, `Template ${row.name}`);
  return { ...summaryOf(row, counts), createdAt: row.createdAt, policy, document: templateDocument(row, policy) };
}

export async function listFollowers(templateId: string): Promise<TemplateFollower[]> {
  await requireRole("viewer");
  return db.serverProfile.findMany({ where: { templateId }, select: { id: true, name: true, version: true, templateVersion: true }, orderBy: { name: "asc" } });
}

/**
 * A new template: from a server's saved policy (its panel and OS; with `follow`, that server
 * follows it at once, with nothing overridden) or from the panel's starting choices.
 */
export async function createTemplate(input: CreateTemplateInput): Promise<{ id: string }> {
  const user = await requireRole("editor");
  return db.$transaction(async (tx) => {
    const held = await templateNameHeld(tx, input.name);
    if (held !== null) throw nameTaken(input.name, held);
    let panel: Panel;
    let os: OperatingSystem;
    let policy: Policy;
    let source: { id: string; name: string; version: number } | null = null;
    if (input.fromServerId) {
      const row = await tx.serverProfile.findUnique({ where: { id: input.fromServerId }, select: { ...DOCUMENT_COLUMNS, templateId: true } });
      if (!row) throw new AppError("not-found", "That server no longer exists.");
      const doc = documentOfRow(row);
      if (!doc) throw new AppError("conflict", `The saved profile of ${row.name} cannot be read; open and save it first.`);
      ({ panel, os } = doc.server);
      policy = doc.policy;
      source = { id: row.id, name: row.name, version: row.version };
    } else {
      if (!input.panel || !input.os) throw new AppError("bad-request", "Choose a control panel and an operating system.");
      ({ panel, os } = { panel: input.panel, os: input.os });
      policy = defaultPolicy(templatePreviewServer({ name: input.name, panel, os }));
    }
    const text = policyText(fitPolicyToCatalog(policy, templatePreviewServer({ name: input.name, panel, os })));
    const created = await tx.template.create({
      data: { name: input.name, description: input.description, panel, os, policy: text, createdById: user.id },
      select: { id: true, version: true },
    });
    await storeTemplateRevision(tx, user, created.id, created.version, text, source ? "from-server" : "create");
    await recordAudit(tx, user, {
      action: "template.create", targetType: "template", targetId: created.id,
      summary: `Created template ${input.name}${source ? ` from ${source.name} (revision ${source.version})` : ""}`,
      details: { panel, os, ...(source ? { fromServer: source } : {}) },
    });
    if (source && input.follow) {
      await tx.serverProfile.update({ where: { id: source.id }, data: { templateId: created.id, templateVersion: created.version, templateName: input.name } });
      await recordAudit(tx, user, {
        action: "template.follow", targetType: "server", targetId: source.id,
        summary: `${source.name} follows template ${input.name} (revision ${created.version}), made from it`,
        details: { templateId: created.id, templateVersion: created.version, mode: "keep" },
      });
    }
    return { id: created.id };
  });
}

/** Renames or describes a template; followers' list column follows the new name. */
export async function updateTemplateDetails(id: string, details: { name: string; description: string }): Promise<void> {
  const user = await requireRole("editor");
  await db.$transaction(async (tx) => {
    const before = await tx.template.findUnique({ where: { id }, select: { name: true, description: true } });
    if (!before) throw new AppError("not-found", "This template no longer exists.");
    const held = await templateNameHeld(tx, details.name, id);
    if (held !== null) throw nameTaken(details.name, held);
    await tx.template.update({ where: { id }, data: details });
    if (before.name !== details.name) await tx.serverProfile.updateMany({ where: { templateId: id }, data: { templateName: details.name } });
    const changes = [before.name !== details.name && `renamed from ${before.name}`, before.description !== details.description && "description changed"].filter(Boolean);
    await recordAudit(tx, user, {
      action: "template.update", targetType: "template", targetId: id,
      summary: `Edited template ${details.name}${changes.length ? `: ${changes.join(", ")}` : ""}`,
      details: { from: before, to: details },
    });
  });
}

/**
 * Saves the template's policy as a new revision if nobody saved since `version`. Followers do not
 * change here: the template's review page proposes the new revision to each of them.
 */
export async function saveTemplatePolicy(id: string, version: number, policy: Policy): Promise<{ version: number; savedAt: Date; changes: DiffEntry[] }> {
  const user = await requireRole("editor");
  return db.$transaction(async (tx) => {
    const row = await tx.template.findUnique({ where: { id }, select: SUMMARY_SELECT });
    if (!row) throw new AppError("not-found", "This template no longer exists.");
    if (row.version !== version) {
      throw new AppError("conflict", `Someone else saved this template at ${row.updatedAt.toISOString().replace("T", " ").slice(0, 19)} UTC (revision ${row.version}); your changes are still here: reload to see theirs, or copy yours.`);
    }
    const before = templateDocument(row, readPolicy(row.policy, `Template ${row.name}`));
    const after = templateDocument(row, policySchema.parse(policy));
    const text = policyText(after.policy);
    const saved = await tx.template.update({ where: { id }, data: { policy: text, version: { increment: 1 } }, select: { version: true, updatedAt: true } });
    await storeTemplateRevision(tx, user, id, saved.version, text, "save");
    const changes = diffDocuments(before, after);
    await recordAudit(tx, user, {
      action: "template.save", targetType: "template", targetId: id,
      summary: `Saved template ${row.name} (revision ${saved.version}): ${summarizeDiff(changes)}`,
      details: { version: saved.version, changes: changes.slice(0, 50), changeCount: changes.length },
    });
    return { version: saved.version, savedAt: saved.updatedAt, changes };
  });
}

/** Deletes a template nobody follows (followers stop following first: nothing changes on a server by surprise). */
export async function deleteTemplate(id: string): Promise<{ name: string }> {
  const user = await requireRole("editor");
  return db.$transaction(async (tx) => {
    const row = await tx.template.findUnique({ where: { id }, select: { name: true, version: true } });
    if (!row) throw new AppError("not-found", "This template no longer exists.");
    const followers = await tx.serverProfile.count({ where: { templateId: id } });
    if (followers > 0) {
      throw new AppError("conflict", `${followers} server${followers === 1 ? " follows" : "s follow"} ${row.name}: make ${followers === 1 ? "it" : "them"} stop following it first (select them in the server list, bulk action "Stop following a template").`);
    }
    await tx.template.delete({ where: { id } });
    await recordAudit(tx, user, { action: "template.delete", targetType: "template", targetId: id, summary: `Deleted template ${row.name} (at revision ${row.version})` });
    return { name: row.name };
  });
}

/** Servers a template can start from, by name (the new-template form's choices). */
export async function listServerChoices(): Promise<{ id: string; name: string; panel: string }[]> {
  await requireRole("viewer");
  return db.serverProfile.findMany({ select: { id: true, name: true, panel: true }, orderBy: { name: "asc" }, take: 2000 });
}

export type TemplateRevisionEntry = { version: number; kind: string; userName: string; createdAt: Date; changes: DiffEntry[] | null };

const REVISION_KIND_LABELS: Record<string, string> = { create: "Created", "from-server": "Created from a server", save: "Policy saved", import: "Imported" };
export const templateRevisionKind = (kind: string): string => REVISION_KIND_LABELS[kind] ?? kind;

/**
 * The template's revisions, newest first, each with its changes from the one before (the latest
 * `withChanges` only: each diff reads two revisions).
 */
export async function listTemplateRevisions(id: string, withChanges = 30): Promise<TemplateRevisionEntry[] | null> {
  await requireRole("viewer");
  const template = await db.template.findUnique({ where: { id }, select: { name: true, panel: true, os: true } });
  if (!template) return null;
  const rows = await db.templateRevision.findMany({ where: { templateId: id }, select: { version: true, kind: true, userName: true, createdAt: true }, orderBy: { version: "desc" } });
  const docs = new Map<number, ProfileDocument>();
  const documentAt = async (version: number) => {
    let doc = docs.get(version);
    if (!doc) {
      doc = templateDocument(template, await templateRevisionPolicy(db, id, version));
      docs.set(version, doc);
    }
    return doc;
  };
  const out: TemplateRevisionEntry[] = [];
  for (const [i, row] of rows.entries()) {
    const previous = rows[i + 1];
    const changes = i < withChanges && previous ? diffDocuments(await documentAt(previous.version), await documentAt(row.version)) : null;
    out.push({ ...row, changes });
  }
  return out;
}
