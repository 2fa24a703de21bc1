import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, test } from "vitest";
import { decodeSessionToken, derivedEncryptionKey, encodeSessionToken } from "./jwt";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const CLAIMS = { id: "user-1", role: "editor" as const, name: "Ada", email: "ada@example.com" };

describe("session tokens", () => {
  test("next-auth reads the tokens we write, and we read the tokens next-auth writes", async () => {
    const ours = await encodeSessionToken({ token: CLAIMS, secret: SECRET, maxAge: 3600 });
    expect(await nextAuthDecode({ token: ours, secret: SECRET })).toMatchObject(CLAIMS);
    const theirs = await nextAuthEncode({ token: CLAIMS, secret: SECRET, maxAge: 3600 });
    expect(await decodeSessionToken({ token: theirs, secret: SECRET })).toMatchObject(CLAIMS);
  });

  test("a salted token needs the same salt", async () => {
    const token = await nextAuthEncode({ token: CLAIMS, secret: SECRET, salt: "chunk" });
    expect(await decodeSessionToken({ token, secret: SECRET, salt: "chunk" })).toMatchObject(CLAIMS);
    await expect(decodeSessionToken({ token, secret: SECRET })).rejects.toThrow();
  });

  test("a token made with another secret, or altered, is refused", async () => {
    const token = await encodeSessionToken({ token: CLAIMS, secret: SECRET });
    await expect(decodeSessionToken({ token, secret: `${SECRET}-other` })).rejects.toThrow();
    const parts = token.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith("AA") ? "BB" : "AA"}`;
    await expect(decodeSessionToken({ token: parts.join("."), secret: SECRET })).rejects.toThrow();
  });

  test("an expired token is refused (beyond next-auth's 15 s allowance)", async () => {
    const token = await encodeSessionToken({ token: CLAIMS, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionToken({ token, secret: SECRET })).rejects.toThrow(/exp/);
    expect(await decodeSessionToken({ token: await encodeSessionToken({ token: CLAIMS, secret: SECRET, maxAge: -5 }), secret: SECRET })).toMatchObject(CLAIMS);
  });

  test("no token decodes to null", async () => {
    expect(await decodeSessionToken({ token: "", secret: SECRET })).toBeNull();
  });

  test("the key is derived once per secret and salt", async () => {
    expect(derivedEncryptionKey(SECRET)).toBe(derivedEncryptionKey(SECRET));
    expect(derivedEncryptionKey(SECRET, "x")).not.toBe(derivedEncryptionKey(SECRET));
    expect(await derivedEncryptionKey(SECRET)).toHaveLength(32);
  });
});
