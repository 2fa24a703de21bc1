import { describe, expect, test } from "vitest";
import { DEFAULT_CALLBACK, safeCallback } from "./callback-url";

describe("safeCallback", () => {
  test.each([
    ["/servers/abc", "/servers/abc"],
    ["/servers?q=a%20b#top", "/servers?q=a%20b#top"],
    ["/audit?page=2", "/audit?page=2"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/./servers", "/servers"],
  ])("keeps the same-site path %j", (value, expected) => {
    expect(safeCallback(value)).toBe(expected);
  });

  test.each([
    ["/\t/evil.example"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["/\\/evil.example"],
    ["\\\\evil.example"],
    ["/\n/evil.example"],
    ["\n"],
    ["\r"],
    ["/servers\r\nSet-Cookie: x=1"],
    ["/\u007f/evil.example"],
    ["/..//evil.example"],
    ["https://evil.example/"],
    ["http://portcullis.invalid/servers"],
    ["javascript:alert(1)"],
    ["servers"],
    [""],
  ])("refuses %j", (value) => {
    expect(safeCallback(value)).toBe(DEFAULT_CALLBACK);
  });

  test("no value, or several (the first counts)", () => {
    expect(safeCallback(undefined)).toBe(DEFAULT_CALLBACK);
    expect(safeCallback(null)).toBe(DEFAULT_CALLBACK);
    expect(safeCallback(["/audit", "//evil.example"])).toBe("/audit");
    expect(safeCallback(["//evil.example", "/audit"])).toBe(DEFAULT_CALLBACK);
  });

  test("what it returns never leaves the site when a browser resolves it", () => {
    for (const value of ["/\t/evil.example", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/..//evil.example"]) {
      expect(new URL(safeCallback(value), "https://dash.example").origin).toBe("https://dash.example");
    }
  });
});
