import { describe, expect, test } from "vitest";
import { characterClassCount, loginSchema, passwordSchema, setupSchema } from "./user";

describe("password strength", () => {
  test.each(["Correct-Horse-42", "abcdefghijK1", "abcdefghij1!", "ABCDEFGHIJ1!", "Tr0ub4dor&3xx"])("accepts %j", (pw) => {
    expect(passwordSchema.safeParse(pw).success).toBe(true);
  });
  test.each([
    ["Short-1a", "Use at least 12 characters."],
    ["alllowercaseletters", "Mix at least three of: lower case, upper case, digits, symbols."],
    ["lowercase12345", "Mix at least three of: lower case, upper case, digits, symbols."],
    ["ALLUPPER!!!!!!", "Mix at least three of: lower case, upper case, digits, symbols."],
    ["x".repeat(257), "Use at most 256 characters."],
  ])("rejects %j", (pw, message) => {
    const result = passwordSchema.safeParse(pw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });
  test.each([["abc", 1], ["aB", 2], ["aB1", 3], ["aB1 ", 4], ["ü", 1]])("%j uses %i classes", (pw, n) => {
    expect(characterClassCount(pw)).toBe(n);
  });
});

describe("setup form", () => {
  const good = { name: "Ada", email: " Ada@Example.COM ", password: "Correct-Horse-42", confirmPassword: "Correct-Horse-42" };
  test("normalises the email", () => {
    expect(setupSchema.parse(good).email).toBe("ada@example.com");
  });
  test("requires the confirmation to match", () => {
    const result = setupSchema.safeParse({ ...good, confirmPassword: "Correct-Horse-43" });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["confirmPassword"], message: "The passwords do not match." })]);
  });
  test.each([
    [{ name: "" }, "name"],
    [{ name: "n".repeat(101) }, "name"],
    [{ email: "not-an-email" }, "email"],
  ])("rejects %j", (change, field) => {
    const result = setupSchema.safeParse({ ...good, ...change });
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});

test("login lower-cases the email like setup does", () => {
  expect(loginSchema.parse({ email: "Ada@Example.com", password: "x" }).email).toBe("ada@example.com");
});
