/**
 * next-auth's session token format (a JWE, "dir" + A256GCM, keyed by HKDF-SHA256 of the secret),
 * byte for byte as next-auth/jwt writes and reads it, except that the derived key is computed
 * once per secret instead of on every call. next-auth derives it afresh for each encode and
 * decode, and a signed-in request decodes the cookie at least twice (proxy, then the page or
 * route): the key derivation was the largest single cost of an authenticated request.
 *
 * Wired in as `authOptions.jwt` (so sign-in writes tokens through it), by the proxy's `getToken`
 * and by `getUser`.
 */
import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";
import { tokenExpiry } from "./session-policy";

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
/** next-auth's own allowance for clock skew when checking `exp`. */
const CLOCK_TOLERANCE_SECONDS = 15;

const keys = new Map<string, Promise<Uint8Array>>();

/** The A256GCM key next-auth derives from the secret (and salt): derived once, then reused. */
export function derivedEncryptionKey(secret: string, salt = ""): Promise<Uint8Array> {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = hkdf("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32);
    // A failed derivation is not kept, so the next call tries again.
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

function secretOf(secret: string | Buffer | undefined): string {
  if (!secret) throw new Error("No secret to encode or decode the session token with.");
  return typeof secret === "string" ? secret : secret.toString();
}

export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {} as Partial<JWT>, maxAge = DEFAULT_MAX_AGE, salt = "" } = params;
  const key = await derivedEncryptionKey(secretOf(params.secret), salt);
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    // next-auth re-issues the token on use with a fresh maxAge: never past the session's own end.
    .setExpirationTime(tokenExpiry(now, maxAge, typeof token.sessionEnd === "number" ? token.sessionEnd : undefined))
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/** The token's claims, or null for no token; throws (as next-auth's does) for a bad or expired one. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, salt = "" } = params;
  if (!token) return null;
  const key = await derivedEncryptionKey(secretOf(params.secret), salt);
  const { payload } = await jwtDecrypt(token, key, { clockTolerance: CLOCK_TOLERANCE_SECONDS });
  return payload as JWT;
}
