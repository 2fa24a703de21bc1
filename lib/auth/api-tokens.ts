/**
 * API tokens for scripts: the secret format, its hash, what a token may do, and the creation
 * form's schema. A secret is `pct_` and 32 random bytes (base64url): guessing is hopeless, so a
 * plain SHA-256 is the right stored form (no salt or slow hash needed, unlike passwords), and
 * the lookup is one indexed equality. Nothing here touches the database.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Role } from "@/lib/validations/user";

export const TOKEN_PREFIX = "pct_";
const SECRET = /^pct_[A-Za-z0-9_-]{43}$/;

export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const SCOPE_LABEL: Record<TokenScope, string> = { read: "Read", write: "Read and write" };

/** The longest a token may live: a forgotten token still ends. */
export const MAX_TOKEN_DAYS = 365;
export const TOKEN_DAY_CHOICES = [7, 30, 90, 365] as const;

export type NewSecret = { secret: string; hash: string; prefix: string };

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newSecret(): NewSecret {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export type BearerResult = { kind: "none" } | { kind: "malformed" } | { kind: "token"; hash: string };

/** Reads an `Authorization` header: no bearer at all, a malformed one, or the hash to look up. */
export function bearerOf(header: string | null): BearerResult {
  if (header === null) return { kind: "none" };
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  if (!match) return /^Bearer\b/i.test(header) ? { kind: "malformed" } : { kind: "none" };
  const secret = match[1] ?? "";
  return SECRET.test(secret) ? { kind: "token", hash: hashSecret(secret) } : { kind: "malformed" };
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/**
 * The role a token acts with: a read token is a viewer, a write token an editor; never more than
 * its owner's role. Administration (users, the audit log, tokens) needs a signed-in session.
 */
export function tokenRole(scope: TokenScope, ownerRole: Role): Role {
  const granted: Role = scope === "write" ? "editor" : "viewer";
  return RANK[granted] <= RANK[ownerRole] ? granted : ownerRole;
}

/** The scopes an owner of `role` may create (a viewer only reads). */
export function scopesFor(role: Role): TokenScope[] {
  return role === "viewer" ? ["read"] : ["read", "write"];
}

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(token: { expiresAt: Date; revokedAt: Date | null }, now: Date): TokenState {
  if (token.revokedAt) return "revoked";
  return token.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** Why a looked-up token is refused (401), or null when it may be used. */
export function refusalOf(state: TokenState | "unknown" | "malformed" | "owner-disabled"): string | null {
  switch (state) {
    case "active":
      return null;
    case "expired":
      return "The API token has expired. Create a new one under Account → API tokens.";
    case "revoked":
      return "The API token was revoked.";
    case "owner-disabled":
      return "The API token's owner is disabled.";
    default:
      return "The API token is not valid.";
  }
}

export const tokenCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name.")
    .max(60, "At most 60 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "Letters, digits, spaces, dots, dashes and underscores; start with a letter or digit."),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose a scope." }),
  days: z.coerce.number({ error: "Choose how long the token lives." }).int().min(1, "At least one day.").max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

/** Only touch `lastUsedAt` when it is older than this: a busy script does not write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
