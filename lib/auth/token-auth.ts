import "server-only";
import { z } from "zod";
import { LAST_USED_RESOLUTION_MS, refusalOf, tokenRole, tokenState, TOKEN_SCOPES } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { roleSchema, type Role } from "@/lib/validations/user";

export type TokenUser = { id: string; name: string; email: string; role: Role; token: { id: string; name: string } };
export type TokenAuth = { user: TokenUser } | { refusal: string };

const rowSchema = z.object({
  tokenId: z.string(), tokenName: z.string(), scope: z.enum(TOKEN_SCOPES),
  expiresAt: z.coerce.date(), revokedAt: z.coerce.date().nullable(), lastUsedAt: z.coerce.date().nullable(),
  id: z.string(), name: z.string(), email: z.string(), role: roleSchema, disabled: z.coerce.boolean(),
});

/**
 * The user a bearer token acts as (by the SHA-256 of its secret), with the role its scope allows,
 * or why it is refused. The audit names the token: the actor's name reads `Ada (API token "ci")`.
 */
export async function userOfToken(hash: string, now = new Date()): Promise<TokenAuth> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT t.id AS tokenId, t.name AS tokenName, t.scope, t.expiresAt, t.revokedAt, t.lastUsedAt,
           u.id, u.name, u.email, u.role, u.disabled
    FROM "ApiToken" t JOIN "User" u ON u.id = t.userId WHERE t.secretHash = ${hash}`;
  if (rows.length === 0) return { refusal: refusalOf("unknown")! };
  const row = rowSchema.parse(rows[0]);
  const refusal = refusalOf(row.disabled ? "owner-disabled" : tokenState(row, now));
  if (refusal) return { refusal };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: now } });
  }
  return {
    user: {
      id: row.id,
      name: `${row.name} (API token "${row.tokenName}")`,
      email: row.email,
      role: tokenRole(row.scope, row.role),
      token: { id: row.tokenId, name: row.tokenName },
    },
  };
}
