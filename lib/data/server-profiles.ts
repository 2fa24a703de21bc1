import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit-log";
import { DOCUMENT_COLUMNS, documentOfRow, recordSave, rewriteProfile } from "./history";
import { nameKey, namesInUse, namesStartingWith } from "./server-names";
import { NAME_MAX, type ServerProfileData } from "@/lib/validations/server-profile";
import { tagsColumn, tagsOfColumn } from "@/lib/validations/tags";

export { listServerProfiles, listTags, type ServerPage, type ServerSummary } from "./server-list";

const DETAIL_SELECT = {
  id: true, name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true, updatedAt: true,
  sshPort: true, adminSources: true, notes: true, version: true, createdAt: true,
  createdBy: { select: { name: true } },
  verifiedAt: true, verifiedVersion: true, verifyVerdict: true, verifyMatches: true, verifySummary: true, tags: true,
  templateId: true, templateVersion: true, template: { select: { name: true, version: true } },
} as const;

/** What a clone takes over; identity, history and version start afresh. */
const COPIED_FIELDS = {
  name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true,
  sshPort: true, adminSources: true, notes: true, policy: true, tags: true,
} as const;

export type ServerProfile = Omit<Prisma.ServerProfileGetPayload<{ select: typeof DETAIL_SELECT }>, "adminSources" | "tags"> & {
  adminSources: string[];
  tags: string[];
};

function toProfile(row: Prisma.ServerProfileGetPayload<{ select: typeof DETAIL_SELECT }>): ServerProfile {
  return { ...row, adminSources: JSON.parse(row.adminSources) as string[], tags: tagsOfColumn(row.tags) };
}

function toColumns(data: ServerProfileData) {
  return { ...data, adminSources: JSON.stringify(data.adminSources), tags: tagsColumn(data.tags) };
}

/** `held`: the name as stored, which may differ from `name` in case only. */
function duplicateName(name: string, held = name): AppError {
  const message = held === name ? `A server named ${name} already exists.` : `A server named ${held} already exists; names are unique regardless of case.`;
  return new AppError("conflict", "A server with that name already exists.", { name: [message] });
}

/** Refuses `name` when another profile holds it in any case (the index would too, with a less helpful error). */
async function refuseTakenName(tx: Tx, name: string, except?: string): Promise<void> {
  const held = (await namesInUse(tx, [name], except)).get(nameKey(name));
  if (held !== undefined) throw duplicateName(name, held);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function getServerProfile(id: string): Promise<ServerProfile | null> {
  await requireRole("viewer");
  const row = await db.serverProfile.findUnique({ where: { id }, select: DETAIL_SELECT });
  return row ? toProfile(row) : null;
}

export async function createServerProfile(data: ServerProfileData): Promise<{ id: string }> {
  const user = await requireRole("editor");
  try {
    return await db.$transaction(async (tx) => {
      await refuseTakenName(tx, data.name);
      const row = await tx.serverProfile.create({ data: { ...toColumns(data), createdById: user.id }, select: DOCUMENT_COLUMNS });
      await recordCreated(tx, user, row, "create", `Created ${row.name}`);
      return { id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(data.name);
    throw error;
  }
}

/** Saves only if nobody saved in between (`version` unchanged); bumps the version. */
export async function updateServerProfile(id: string, version: number, data: ServerProfileData): Promise<void> {
  const user = await requireRole("editor");
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.serverProfile.findUnique({ where: { id }, select: { ...DOCUMENT_COLUMNS, tags: true, templateId: true, templateName: true } });
      if (!before) throw new AppError("not-found", "This server no longer exists.");
      await refuseTakenName(tx, data.name, id);
      // A template is for one panel: a server moved to another panel stops following it (its rules stay).
      const leaves = before.templateId !== null && before.panel !== data.panel;
      const unfollow = leaves ? { templateId: null, templateVersion: null, templateName: "" } : {};
      if (!(await rewriteProfile(tx, id, version, { ...toColumns(data), ...unfollow, policy: before.policy }))) throw new AppError("conflict", "Someone else saved this server in the meantime. Reload the page to see their changes.");
      if (leaves) {
        await recordAudit(tx, user, {
          action: "template.unfollow", targetType: "server", targetId: id,
          summary: `${data.name} no longer follows template ${before.templateName}: its panel changed from ${before.panel} to ${data.panel}`,
          details: { templateId: before.templateId, from: before.panel, to: data.panel },
        });
      }
      const after = await tx.serverProfile.findUniqueOrThrow({ where: { id }, select: DOCUMENT_COLUMNS });
      const doc = documentOfRow(after);
      const tags = tagsColumn(data.tags);
      const tagChange = tags === before.tags ? {} : { tags: { from: tagsOfColumn(before.tags), to: tagsOfColumn(tags) } };
      const summary = `Edited ${after.name}${tags === before.tags ? "" : `, tags: ${tags || "none"}`}`;
      if (doc) await recordSave(tx, user, { profileId: id, version: after.version, before: documentOfRow(before), after: doc, kind: "edit", action: "server.update", summary, details: tagChange });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(data.name);
    throw error;
  }
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** The first revision and the audit event of a profile that did not exist before. */
export async function recordCreated(tx: Tx, user: { id: string; name: string }, row: Prisma.ServerProfileGetPayload<{ select: typeof DOCUMENT_COLUMNS }>, kind: "create" | "clone" | "import", summary: string): Promise<void> {
  const doc = documentOfRow(row);
  const action = kind === "create" ? "server.create" : kind === "clone" ? "server.clone" : "server.import";
  if (doc) await recordSave(tx, user, { profileId: row.id, version: row.version, before: null, after: doc, kind, action, summary });
  else await recordAudit(tx, user, { action, targetType: "server", targetId: row.id, summary });
}

/** Copies a profile under the first free name "Copy of X", "Copy of X 2", … (brackets are not allowed in names). */
export async function cloneServerProfile(id: string): Promise<{ id: string }> {
  const user = await requireRole("editor");
  return db.$transaction(async (tx) => {
    const source = await tx.serverProfile.findUnique({ where: { id }, select: COPIED_FIELDS });
    if (!source) throw new AppError("not-found", "This server no longer exists.");
    const base = `Copy of ${source.name}`;
    const taken = await namesStartingWith(tx, base.slice(0, NAME_MAX - 6));
    let name = base.slice(0, NAME_MAX);
    for (let n = 2; taken.has(nameKey(name)); n++) {
      const suffix = ` ${n}`;
      name = `${base.slice(0, NAME_MAX - suffix.length)}${suffix}`;
    }
    const row = await tx.serverProfile.create({ data: { ...source, name, createdById: user.id }, select: DOCUMENT_COLUMNS });
    await recordCreated(tx, user, row, "clone", `Cloned ${source.name} as ${name}`);
    return { id: row.id };
  });
}

export async function deleteServerProfile(id: string): Promise<{ name: string }> {
  const user = await requireRole("editor");
  try {
    return await db.$transaction(async (tx) => {
      const gone = await tx.serverProfile.delete({ where: { id }, select: { name: true, version: true } });
      await recordAudit(tx, user, { action: "server.delete", targetType: "server", targetId: id, summary: `Deleted ${gone.name} (at revision ${gone.version})` });
      return { name: gone.name };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new AppError("not-found", "This server no longer exists.");
    }
    throw error;
  }
}
