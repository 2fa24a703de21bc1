import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AUDIT_PAGE_SIZE, type AuditQuery } from "@/lib/validations/audit";

const EVENT_SELECT = {
  id: true, createdAt: true, userId: true, userName: true, action: true, targetType: true, targetId: true, summary: true, details: true,
} as const;
export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof EVENT_SELECT }>;
export type AuditPage = { items: AuditRow[]; total: number; page: number; pageCount: number };

const DAY = 24 * 60 * 60 * 1000;

/**
 * Newest first, filtered. The whole trail (sign-ins, user management) is for administrators;
 * one server's events (`serverId`) are readable by anyone who may read the server.
 */
export async function listAuditEvents(query: AuditQuery, serverId?: string): Promise<AuditPage> {
  await requireRole(serverId ? "viewer" : "admin");
  const target = serverId ?? query.server;
  const where: Prisma.AuditEventWhereInput = {
    ...(target ? { targetType: "server", targetId: target } : {}),
    ...(query.user && !serverId ? { userId: query.user } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to
      ? { createdAt: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(Date.parse(query.to) + DAY) } : {}) } }
      : {}),
  };
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const items = await db.auditEvent.findMany({
    where, select: EVENT_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE,
  });
  return { items, total, page, pageCount };
}

/** The choices of the audit page's filters. */
export async function listAuditFilterOptions(): Promise<{ servers: { id: string; name: string }[]; users: { id: string; name: string }[] }> {
  await requireRole("admin");
  const [servers, users] = await Promise.all([
    db.serverProfile.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { servers, users };
}
