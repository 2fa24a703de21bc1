import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit-log";
import { containsPattern } from "./like";
import { DOCUMENT_COLUMNS, documentOfRow, recordSave, rewriteProfile } from "./history";
import { nameKey, namesInUse, namesStartingWith } from "./server-names";
import {
  NAME_MAX,
  SERVER_PAGE_SIZE,
  type ServerListQuery,
  type ServerProfileData,
} from "@/lib/validations/server-profile";

const DETAIL_SELECT = {
  id: true, name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true, updatedAt: true,
  sshPort: true, adminSources: true, notes: true, version: true, createdAt: true,
  createdBy: { select: { name: true } },
  verifiedAt: true, verifiedVersion: true, verifyVerdict: true, verifyMatches: true, verifySummary: true,
} as const;

/** What a clone takes over; identity, history and version start afresh. */
const COPIED_FIELDS = {
  name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true,
  sshPort: true, adminSources: true, notes: true, policy: true,
} as const;

export type ServerSummary = z.infer<typeof summaryRowSchema>;
export type ServerProfile = Omit<Prisma.ServerProfileGetPayload<{ select: typeof DETAIL_SELECT }>, "adminSources"> & {
  adminSources: string[];
};

export type ServerPage = { items: ServerSummary[]; total: number; page: number; pageCount: number; pageSize: number };

function toProfile(row: Prisma.ServerProfileGetPayload<{ select: typeof DETAIL_SELECT }>): ServerProfile {
  return { ...row, adminSources: JSON.parse(row.adminSources) as string[] };
}

function toColumns(data: ServerProfileData) {
  return { ...data, adminSources: JSON.stringify(data.adminSources) };
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

const countRowSchema = z.object({ n: z.union([z.number(), z.bigint()]).transform(Number) });
/** A row of the list: the schema names the columns the query selects. */
const summaryRowSchema = z.object({
  id: z.string(), name: z.string(), hostname: z.string(), ipv4: z.string(), ipv6: z.string(),
  os: z.string(), panel: z.string(), updatedAt: z.date(),
  version: z.union([z.number(), z.bigint()]).transform(Number),
  verifiedVersion: z.union([z.number(), z.bigint()]).transform(Number).nullable(), verifyVerdict: z.string().nullable(),
});
const SUMMARY_COLUMNS = Prisma.raw(Object.keys(summaryRowSchema.shape).map((c) => `"${c}"`).join(", "));

/**
 * Newest first; `q` matches name or host name anywhere, literally (case-insensitive for ASCII, as
 * SQLite's LIKE). Two plain parameterised queries instead of Prisma's builder: the list is the
 * dashboard's busiest page, and building the query cost more than running it.
 */
export async function listServerProfiles({ q, page }: ServerListQuery): Promise<ServerPage> {
  await requireRole("viewer");
  const pattern = containsPattern(q);
  const where = q ? Prisma.sql`WHERE name LIKE ${pattern} ESCAPE '\\' OR hostname LIKE ${pattern} ESCAPE '\\'` : Prisma.empty;
  const [counted] = await db.$queryRaw<unknown[]>`SELECT COUNT(*) AS n FROM "ServerProfile" ${where}`;
  const total = countRowSchema.parse(counted).n;
  const pageCount = Math.max(1, Math.ceil(total / SERVER_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await db.$queryRaw<unknown[]>`
    SELECT ${SUMMARY_COLUMNS} FROM "ServerProfile" ${where}
    ORDER BY createdAt DESC, id DESC LIMIT ${SERVER_PAGE_SIZE} OFFSET ${(current - 1) * SERVER_PAGE_SIZE}`;
  return { items: rows.map((r) => summaryRowSchema.parse(r)), total, page: current, pageCount, pageSize: SERVER_PAGE_SIZE };
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
      const before = await tx.serverProfile.findUnique({ where: { id }, select: DOCUMENT_COLUMNS });
      if (!before) throw new AppError("not-found", "This server no longer exists.");
      await refuseTakenName(tx, data.name, id);
      if (!(await rewriteProfile(tx, id, version, { ...toColumns(data), policy: before.policy }))) throw new AppError("conflict", "Someone else saved this server in the meantime. Reload the page to see their changes.");
      const after = await tx.serverProfile.findUniqueOrThrow({ where: { id }, select: DOCUMENT_COLUMNS });
      const doc = documentOfRow(after);
      if (doc) await recordSave(tx, user, { profileId: id, version: after.version, before: documentOfRow(before), after: doc, kind: "edit", action: "server.update", summary: `Edited ${after.name}` });
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
