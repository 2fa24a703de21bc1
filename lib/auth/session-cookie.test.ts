import { describe, expect, test } from "vitest";
import { SESSION_COOKIE_NAME, sessionTokenOf } from "./session-cookie";

const N = SESSION_COOKIE_NAME;

describe("sessionTokenOf", () => {
  test("over plain HTTP (no NEXTAUTH_URL in tests) the cookie has next-auth's plain name", () => {
    expect(N).toBe("next-auth.session-token");
  });

  test("reads the one cookie and ignores the others", () => {
    expect(sessionTokenOf([{ name: "next-auth.csrf-token", value: "x" }, { name: N, value: "abc" }])).toBe("abc");
  });

  test("joins split cookies in numeric order", () => {
    const pieces = [2, 0, 10, 1].map((i) => ({ name: `${N}.${i}`, value: `<${i}>` }));
    expect(sessionTokenOf(pieces)).toBe("<0><1><2><10>");
  });

  test("no cookie, an empty one, or a look-alike name gives null", () => {
    expect(sessionTokenOf([])).toBeNull();
    expect(sessionTokenOf([{ name: N, value: "" }])).toBeNull();
    expect(sessionTokenOf([{ name: `${N}.x`, value: "a" }, { name: `${N}-other`, value: "b" }])).toBeNull();
  });

  test("the Secure name is a different cookie", () => {
    expect(sessionTokenOf([{ name: N, value: "plain" }], `__Secure-${N}`)).toBeNull();
  });
});
