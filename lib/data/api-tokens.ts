import "server-only";
import { newSecret, scopesFor, SCOPE_LABEL, tokenState, type TokenCreateInput, type TokenScope, type TokenState } from "@/lib/auth/api-tokens";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit-log";

export type TokenRow = {
  id: string; name: string; scope: TokenScope; prefix: string;
  createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; state: TokenState;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Tokens are managed from a signed-in session only: a token cannot mint or revoke tokens. */
async function requireSessionUser(): Promise<SessionUser> {
  const user = await requireRole("viewer");
  if (user.token) throw new AppError("forbidden", "API tokens are managed from a signed-in session, not with a token.");
  return user;
}

/** The current user's tokens, newest first (the secret is never readable again). */
export async function listMyTokens(): Promise<TokenRow[]> {
  const user = await requireSessionUser();
  const now = new Date();
  const rows = await db.apiToken.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, scope: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  return rows.map(({ revokedAt, ...r }) => ({ ...r, scope: r.scope as TokenScope, state: tokenState({ expiresAt: r.expiresAt, revokedAt }, now) }));
}

/** Creates a token for the current user; answers the secret, shown once. */
export async function createMyToken(input: TokenCreateInput): Promise<{ id: string; secret: string }> {
  const user = await requireSessionUser();
  if (!scopesFor(user.role).includes(input.scope)) {
    throw new AppError("forbidden", "A viewer's tokens can only read.", { scope: ["A viewer's tokens can only read."] });
  }
  const { secret, hash, prefix } = newSecret();
  const expiresAt = new Date(Date.now() + input.days * DAY_MS);
  return db.$transaction(async (tx) => {
    if (await tx.apiToken.findFirst({ where: { userId: user.id, name: input.name }, select: { id: true } })) {
      throw new AppError("conflict", "You already have a token with that name.", { name: ["You already have a token with that name."] });
    }
    const token = await tx.apiToken.create({ data: { userId: user.id, name: input.name, scope: input.scope, prefix, secretHash: hash, expiresAt }, select: { id: true } });
    await recordAudit(tx, user, {
      action: "token.create", targetType: "token", targetId: token.id,
      summary: `API token "${input.name}" created (${SCOPE_LABEL[input.scope].toLowerCase()}, ${input.days} days)`,
      details: { scope: input.scope, expiresAt: expiresAt.toISOString() },
    });
    return { id: token.id, secret };
  });
}

/** Revokes one of the current user's tokens at once (kept in the list as revoked). */
export async function revokeMyToken(id: string): Promise<void> {
  const user = await requireSessionUser();
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: user.id }, select: { name: true, revokedAt: true } });
    if (!token) throw new AppError("not-found", "That token does not exist (or is not yours).");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, user, { action: "token.revoke", targetType: "token", targetId: id, summary: `API token "${token.name}" revoked` });
  });
}
