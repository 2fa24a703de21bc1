/**
 * A wrong email costs what a wrong password costs: both run one Argon2 verification, so the time of
 * an answer does not reveal which accounts exist (the figures are for the bench, never asserted).
 */
import { afterEach, describe, expect, test, vi } from "vitest";

const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: (...args: Parameters<typeof real.verify>) => { argon2.verifications += 1; return real.verify(...args); } };
});

const { hashPassword, verifyPassword } = await import("./password");

afterEach(() => { argon2.verifications = 0; });

describe("verifyPassword", () => {
  test("a missing account still runs one full verification, against a throw-away hash", async () => {
    expect(await verifyPassword(null, "Correct-Horse-42")).toBe(false);
    expect(argon2.verifications).toBe(1);
  });

  test("an existing account runs exactly one verification too, right or wrong", async () => {
    const stored = await hashPassword("Correct-Horse-42");
    expect(await verifyPassword(stored, "Wrong-Horse-42")).toBe(false);
    expect(await verifyPassword(stored, "Correct-Horse-42")).toBe(true);
    expect(argon2.verifications).toBe(2);
  });

  test("a damaged stored hash is a refusal, not an error", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});
