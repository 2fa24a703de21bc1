import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** Absolute session lifetime from sign-in (PORTCULLIS_SESSION_HOURS) and idle timeout. */
export const SESSION_LIFETIME_SECONDS = env.PORTCULLIS_SESSION_HOURS * 60 * 60;
export const SESSION_IDLE_MS = env.PORTCULLIS_SESSION_IDLE_MINUTES * 60 * 1000;

type Client = Prisma.TransactionClient | typeof db;

/** Records a new sign-in; its id goes into the session token. Sessions past their end are pruned. */
export async function startSession(userId: string, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000);
  await db.$transaction([
    db.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.session.create({ data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt } }),
  ]);
  return { id, expiresAt };
}

/** Sign-out: the session ends on the server, so a copy of its cookie no longer works either. */
export async function endSession(id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

/** Ends every session of a user (disable, password reset); inside the change's own transaction. */
export async function endUserSessions(client: Client, userId: string): Promise<number> {
  return (await client.session.deleteMany({ where: { userId } })).count;
}

/** Moves the idle clock; a failed write (a busy database) must not fail the request that used it. */
export async function touchSession(id: string, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id }, data: { lastSeenAt: now } }).catch((error: unknown) => {
    console.error("Could not record session activity:", error);
  });
}
