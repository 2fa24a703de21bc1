/**
 * The server list's query: one page, filtered and sorted as the URL says (server-list-sql.ts), and
 * its total. Plain parameterised queries over the list's own columns and ServerExposure; the
 * profile documents are never read here. Takes the client (no session check: server-list.ts
 * does that), so the bench runs the very same query.
 */
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { SERVER_PAGE_SIZE, type ServerListQuery } from "@/lib/validations/server-list";
import { tagsOfColumn } from "@/lib/validations/tags";
import { APPLIED_SQL, orderOf, whereOf } from "./server-list-sql";

const int = z.union([z.number(), z.bigint()]).transform(Number);
const countRowSchema = z.object({ n: int });
/** A row of the list: the schema names the columns the query selects. */
const summaryRowSchema = z.object({
  id: z.string(), name: z.string(), hostname: z.string(), ipv4: z.string(), ipv6: z.string(),
  os: z.string(), panel: z.string(), backend: z.string(), tags: z.string().transform(tagsOfColumn),
  criticalWarnings: int, criticalOpen: int, version: int,
  verifiedVersion: int.nullable(), verifyVerdict: z.string().nullable(), verifiedAt: z.date().nullable(),
  updatedAt: z.date(),
  templateId: z.string().nullable(), templateName: z.string(),
});
const COLUMNS = Object.keys(summaryRowSchema.shape).map((c) => `"${c}"`).join(", ");

export type ServerSummary = Omit<z.infer<typeof summaryRowSchema>, "templateId" | "templateName"> & {
  /** The template the server follows (its name as the list column repeats it), or null. */
  template: { id: string; name: string } | null;
  /** The revision the live rules last matched (see lib/data/server-list-sql.ts APPLIED_SQL); null if unknown. */
  appliedVersion: number | null;
};
export type ServerPage = { items: ServerSummary[]; total: number; page: number; pageCount: number; pageSize: number };

export async function queryServerPage(db: PrismaClient, query: ServerListQuery): Promise<ServerPage> {
  const where = whereOf(query);
  const [counted] = await db.$queryRaw<unknown[]>`SELECT COUNT(*) AS n FROM "ServerProfile" ${where}`;
  const total = countRowSchema.parse(counted).n;
  const pageCount = Math.max(1, Math.ceil(total / SERVER_PAGE_SIZE));
  const current = Math.min(query.page, pageCount);
  const rows = await db.$queryRaw<unknown[]>`
    SELECT ${Prisma.raw(COLUMNS)}, ${APPLIED_SQL} AS "appliedVersion" FROM "ServerProfile" ${where}
    ${orderOf(query.sort, query.dir)} LIMIT ${SERVER_PAGE_SIZE} OFFSET ${(current - 1) * SERVER_PAGE_SIZE}`;
  const items = rows.map((r): ServerSummary => {
    const { templateId, templateName, ...row } = summaryRowSchema.parse(r);
    const template = templateId === null ? null : { id: templateId, name: templateName };
    return { ...row, template, appliedVersion: int.nullable().parse((r as { appliedVersion: unknown }).appliedVersion) };
  });
  return { items, total, page: current, pageCount, pageSize: SERVER_PAGE_SIZE };
}

export async function queryTags(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ tags: string }[]>`SELECT DISTINCT "tags" FROM "ServerProfile" WHERE "tags" <> ''`;
  return [...new Set(rows.flatMap((r) => tagsOfColumn(r.tags)))].sort();
}

/** The ids of every server the query's filters find, in its order, at most `limit` (a bulk action's selection). */
export async function queryServerIds(db: PrismaClient, query: ServerListQuery, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<unknown[]>`SELECT "id" FROM "ServerProfile" ${whereOf(query)} ${orderOf(query.sort, query.dir)} LIMIT ${limit}`;
  return rows.map((r) => z.object({ id: z.string() }).parse(r).id);
}
