import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, isCrossSiteWrite, isServedOverHttps } from "./headers";

describe("contentSecurityPolicy", () => {
  const csp = contentSecurityPolicy("abc123", { isDev: false, isHttps: false });
  test.each(["script-src 'self' 'nonce-abc123' 'strict-dynamic'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"])("has %s", (part) => {
    expect(csp).toContain(part);
  });
  test("allows no inline script and no eval in production", () => {
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });
  test("upgrades insecure requests only over HTTPS", () => {
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { isDev: false, isHttps: true })).toContain("upgrade-insecure-requests");
  });
});

describe("isCrossSiteWrite", () => {
  const base = { method: "POST", secFetchSite: null, origin: null, host: "portcullis.test:3000", allowedOrigins: ["https://fw.example.com"] };
  test.each([
    ["a GET from anywhere", { method: "GET", secFetchSite: "cross-site" }, false],
    ["same-origin fetch metadata", { secFetchSite: "same-origin" }, false],
    ["a typed URL (none)", { secFetchSite: "none" }, false],
    ["a cross-site form", { secFetchSite: "cross-site" }, true],
    ["a same-site sibling", { secFetchSite: "same-site" }, true],
    ["no metadata, same host origin", { origin: "http://portcullis.test:3000" }, false],
    ["no metadata, configured origin", { origin: "https://fw.example.com" }, false],
    ["no metadata, foreign origin", { origin: "https://evil.example" }, true],
    ["an opaque origin", { origin: "null" }, true],
    ["no browser headers at all (curl)", {}, false],
    ["a DELETE from elsewhere", { method: "DELETE", origin: "https://evil.example" }, true],
  ])("%s", (_what, facts, expected) => {
    expect(isCrossSiteWrite({ ...base, ...facts })).toBe(expected);
  });
});

describe("isServedOverHttps", () => {
  test.each([
    [{ publicUrl: "https://fw.example", forwardedProto: null, trustedHops: 0 }, true],
    [{ publicUrl: "http://localhost:3000", forwardedProto: "https", trustedHops: 1 }, true],
    [{ publicUrl: undefined, forwardedProto: "http, https", trustedHops: 2 }, true],
    [{ publicUrl: undefined, forwardedProto: "https, http", trustedHops: 2 }, false],
    [{ publicUrl: "http://localhost:3000", forwardedProto: "https", trustedHops: 0 }, false],
    [{ publicUrl: undefined, forwardedProto: null, trustedHops: 1 }, false],
  ])("%o → %s", (facts, expected) => {
    expect(isServedOverHttps(facts)).toBe(expected);
  });
});
