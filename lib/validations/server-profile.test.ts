import { describe, expect, test } from "vitest";
import { isValidHostname, serverListQuerySchema, serverProfileSchema } from "./server-profile";

const BASE = { name: "web-01", os: "almalinux", panel: "cpanel" };

function errorsFor(input: Record<string, unknown>) {
  const result = serverProfileSchema.safeParse({ ...BASE, ...input });
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("name", () => {
  test.each(["web-01", "Mail server 2", "cp1.example_com", "a", "x".repeat(64)])("accepts %j", (name) => {
    expect(errorsFor({ name })).toEqual({});
  });
  test.each([
    ["", "Enter a name."],
    ["   ", "Enter a name."],
    ["x".repeat(65), "Use at most 64 characters."],
    ["web/01", "Use only letters, digits, spaces, dots, underscores and hyphens."],
    ["<script>", "Use only letters, digits, spaces, dots, underscores and hyphens."],
    ["café", "Use only letters, digits, spaces, dots, underscores and hyphens."],
    ["-web", "Start with a letter or digit."],
    [".hidden", "Start with a letter or digit."],
    ["_x", "Start with a letter or digit."],
  ])("rejects %j", (name, message) => {
    expect(errorsFor({ name }).name).toEqual([message]);
  });
  test("trims surrounding spaces", () => {
    expect(serverProfileSchema.parse({ ...BASE, name: "  web-01  " }).name).toBe("web-01");
  });
});

describe("hostname (RFC 1123)", () => {
  test.each(["server1.example.com", "localhost", "a-b.c-d.example", "1host.example.com", `${"a".repeat(63)}.com`])("accepts %j", (h) => {
    expect(isValidHostname(h)).toBe(true);
  });
  test.each(["-bad.example.com", "bad-.example.com", "under_score.example", "a..b", "ex ample.com", `${"a".repeat(64)}.com`, "192.0.2.1", "a.", ""])(
    "rejects %j",
    (h) => expect(isValidHostname(h)).toBe(false),
  );
  test("is optional and stored in lower case", () => {
    expect(serverProfileSchema.parse({ ...BASE, hostname: "" }).hostname).toBe("");
    expect(serverProfileSchema.parse({ ...BASE, hostname: " CP1.Example.COM " }).hostname).toBe("cp1.example.com");
  });
  test("over 253 characters", () => {
    const long = Array.from({ length: 5 }, () => "a".repeat(60)).join(".");
    expect(errorsFor({ hostname: long }).hostname).toContain("Use at most 253 characters.");
  });
});

describe("addresses", () => {
  test.each([
    ["ipv4", "192.0.2.10", "192.0.2.10"],
    ["ipv4", " 203.0.113.255 ", "203.0.113.255"],
    ["ipv6", "2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["ipv6", "2001:db8::10", "2001:db8::10"],
  ])("%s %j is stored as %j", (field, input, stored) => {
    expect(serverProfileSchema.parse({ ...BASE, [field]: input })[field as "ipv4" | "ipv6"]).toBe(stored);
  });
  test.each([
    ["ipv4", "192.0.2.300"],
    ["ipv4", "192.0.2"],
    ["ipv4", "010.0.0.1"],
    ["ipv4", "2001:db8::1"],
    ["ipv4", "192.0.2.0/24"],
    ["ipv6", "192.0.2.1"],
    ["ipv6", "2001:db8::g"],
    ["ipv6", "fe80::1%eth0"],
    ["ipv6", "2001:db8::/32"],
  ])("%s rejects %j with a message", (field, input) => {
    const errors = errorsFor({ [field]: input })[field];
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).not.toBe("Invalid input");
  });
  test("both are optional", () => {
    expect(serverProfileSchema.parse(BASE)).toMatchObject({ ipv4: "", ipv6: "" });
  });
});

describe("administrator sources", () => {
  test("splits lines and commas, canonicalises and removes duplicates", () => {
    const parsed = serverProfileSchema.parse({ ...BASE, adminSources: "203.0.113.0/24, 198.51.100.7\n2001:DB8:AB::/48\n\n203.0.113.0/24" });
    expect(parsed.adminSources).toEqual(["203.0.113.0/24", "198.51.100.7", "2001:db8:ab::/48"]);
  });
  test("accepts an array (the API) and an empty list", () => {
    expect(serverProfileSchema.parse({ ...BASE, adminSources: ["10.0.0.0/8"] }).adminSources).toEqual(["10.0.0.0/8"]);
    expect(serverProfileSchema.parse({ ...BASE, adminSources: "" }).adminSources).toEqual([]);
  });
  test.each([
    ["10.0.0.0/8\n10.0.0.0/33", "Line 2:", "invalid prefix length"],
    ["2001:db8::/129", "Line 1:", "invalid prefix length"],
    ["0.0.0.0/0", "Line 1:", "would match every address"],
    ["::/0", "Line 1:", "would match every address"],
    ["10.0.0.1/8", "Line 1:", "host bits set; the network is 10.0.0.0/8"],
    ["192.0.2.0/24\n\nexample.com", "Line 3:", "not a valid IPv4 or IPv6 address"],
  ])("rejects %j naming the line and the reason", (text, line, reason) => {
    const [message] = errorsFor({ adminSources: text }).adminSources ?? [];
    expect(message).toContain(line);
    expect(message).toContain(reason);
  });
  test("reports every bad line", () => {
    expect(errorsFor({ adminSources: "bad1\n10.0.0.0/8\nbad2" }).adminSources).toHaveLength(2);
  });
  test("at most 500 entries, as in a profile document", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`).join("\n");
    expect(errorsFor({ adminSources: list(500) })).toEqual({});
    expect(errorsFor({ adminSources: list(501) }).adminSources).toEqual(["Use at most 500 administrator sources."]);
  });
});

describe("system fields", () => {
  test.each([["1", 1], ["22", 22], ["65535", 65535], ["", 22], [undefined, 22], [2222, 2222]])("SSH port %j → %j", (input, port) => {
    expect(serverProfileSchema.parse({ ...BASE, sshPort: input }).sshPort).toBe(port);
  });
  test.each(["0", "65536", "-1", "22.5", "ssh", "0x16", 70000])("SSH port %j is refused", (sshPort) => {
    expect(errorsFor({ sshPort }).sshPort).toHaveLength(1);
  });
  test("port messages name the range", () => {
    expect(errorsFor({ sshPort: "0" }).sshPort).toEqual(["Ports run from 1 to 65535."]);
    expect(errorsFor({ sshPort: "65536" }).sshPort).toEqual(["Ports run from 1 to 65535."]);
  });
  test.each([["os", "windows"], ["panel", "plesk"], ["os", ""]])("%s %j is refused", (field, value) => {
    expect(errorsFor({ [field]: value })[field]).toHaveLength(1);
  });
  test("notes up to 2000 characters", () => {
    expect(errorsFor({ notes: "n".repeat(2000) })).toEqual({});
    expect(errorsFor({ notes: "n".repeat(2001) }).notes).toEqual(["Use at most 2000 characters."]);
  });
});

describe("list query", () => {
  const defaults = { q: "", page: 1, sort: "created", dir: "desc", search: { words: [], address: null, exposure: null } };
  test.each([
    [{}, defaults],
    [{ q: " web ", page: "3" }, { ...defaults, q: "web", page: 3, search: { ...defaults.search, words: ["web"] } }],
    [{ page: "0" }, defaults],
    [{ page: "abc" }, defaults],
    [{ backend: "", tag: "" }, defaults],
    [{ sort: "name" }, { ...defaults, sort: "name", dir: "asc" }],
    [{ tag: "EU-West", critical: "open" }, { ...defaults, tag: "eu-west", critical: "open" }],
  ])("%j → %j", (input, expected) => {
    expect(serverListQuerySchema.parse(input)).toEqual(expected);
  });
  test.each([
    [{ q: "x".repeat(201) }, "q"],
    [{ q: "port" }, "q"],
    [{ sort: "policy" }, "sort"],
    [{ backend: "pf" }, "backend"],
    [{ tag: "no spaces allowed" }, "tag"],
    [{ verification: "maybe" }, "verification"],
  ])("%j is refused (%s)", (input, field) => {
    const result = serverListQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});
