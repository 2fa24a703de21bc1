import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatIssuePath, parseProfileDocument, serializeProfileDocument } from "./document";
import type { ProfileDocument, ServiceChoice } from "./schema";
import { makeProfile, setService } from "@/tests/support/profile";

const PROFILES = [
  makeProfile(),
  makeProfile({ panel: "froxlor", os: "debian", ipv4: "192.0.2.10", ipv6: "2001:db8::10" }),
  makeProfile({ panel: "other", os: "ubuntu", sshPort: 2222, adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] }, (d) => {
    setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] });
    d.policy.customRules.push({ id: "wg", label: "WireGuard", ports: { from: 51820, to: 51820 }, tcp: false, udp: true, direction: "inbound", access: "anyone", sources: [] });
    d.policy.blocked.push({ address: "192.0.2.0/24", comment: "abuse" });
    d.policy.hardening.eximReverseDns = "relaxed";
  }),
];

describe("JSON round trip", () => {
  test.each(PROFILES)("$server.panel profile: serialize, parse, serialize again", (doc) => {
    const text = serializeProfileDocument(doc);
    const parsed = parseProfileDocument(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual(doc);
    expect(serializeProfileDocument(parsed.value)).toBe(text);
  });

  test("output is canonical: schema key order, services sorted, final newline", () => {
    const doc = makeProfile();
    const reordered = { policy: doc.policy, server: doc.server, version: doc.version, format: doc.format };
    const text = serializeProfileDocument(reordered as typeof doc);
    expect(text).toBe(serializeProfileDocument(doc));
    expect(Object.keys(JSON.parse(text))).toEqual(["format", "version", "server", "policy"]);
    const ids = Object.keys(JSON.parse(text).policy.services);
    expect(ids).toEqual([...ids].sort());
    expect(text.endsWith("}\n")).toBe(true);
  });

  test("parsing normalises addresses and fills defaults", () => {
    const minimal = {
      format: "portcullis/profile", version: 1,
      server: { name: "min", os: "rocky", panel: "other", adminSources: ["2001:DB8:0::/48"] },
      policy: { backend: "nftables", outbound: "allow-all", ipv6: true, services: {}, customRules: [], blocked: [], rateLimits: [] },
    };
    const r = parseProfileDocument(minimal);
    expect(r.ok && r.value.server).toMatchObject({ adminSources: ["2001:db8::/48"], sshPort: 22, hostname: "" });
    expect(r.ok && r.value.policy.hardening).toEqual({ eximReverseDns: "off" });
  });
});

describe("invalid files get the JSON path of each problem", () => {
  const valid = (): ProfileDocument => JSON.parse(serializeProfileDocument(makeProfile()));
  test.each([
    ["not JSON", "{ \"format\": ", "(root)", /Not valid JSON/],
    ["an array", "[]", "(root)", /JSON object/],
    ["another format", JSON.stringify({ format: "other" }), "format", /Not a Portcullis profile/],
    ["a newer version", JSON.stringify({ format: "portcullis/profile", version: 9 }), "version", /newer Portcullis/],
  ])("%s", (_name, text, path, message) => {
    const r = parseProfileDocument(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path, message: expect.stringMatching(message) });
  });

  test("a JSON syntax error says where", () => {
    const r = parseProfileDocument('{\n  "format": "portcullis/profile",\n  oops\n}');
    expect(!r.ok && r.issues[0]!.message).toMatch(/line 3/);
  });

  test.each<[(d: ProfileDocument) => void, string, RegExp]>([
    [(d) => Object.assign(d.server, { adminSources: ["10.0.0.1", "0.0.0.0/0"] }), "server.adminSources[1]", /every address/],
    [(d) => Object.assign(d.server, { ipv4: "1.2.3" }), "server.ipv4", /not a valid IPv4/],
    [(d) => Object.assign(d.server, { sshPort: 70000 }), "server.sshPort", /65535/],
    [(d) => Object.assign(d.policy, { backend: "pf" }), "policy.backend", /nftables/],
    [(d) => { delete (d.policy.services.ssh as Partial<ServiceChoice>).tcp; }, "policy.services.ssh.tcp", /Required field is missing/],
    [(d) => { d.policy.services["Bad Key"] = d.policy.services.ssh!; }, 'policy.services["Bad Key"]', /Invalid key/],
    [(d) => Object.assign(d.policy, { customRules: [{ id: "x", label: 'a"b', ports: { from: 1, to: 1 }, tcp: true, udp: false, direction: "inbound" }] }), "policy.customRules[0].label", /letters, digits/],
    [(d) => Object.assign(d.policy, { customRules: [{ id: "x", ports: { from: 9, to: 1 }, tcp: true, udp: false, direction: "inbound" }] }), "policy.customRules[0].ports.to", /start at or below/],
    [(d) => Object.assign(d.policy, { blocked: [{ address: "2001:db8::1/64" }] }), "policy.blocked[0].address", /host bits/],
    [(d) => Object.assign(d.policy, { ipV6: true }), "policy.ipV6", /Unknown field/],
  ])("%#: %s", (mutate, path, message) => {
    const doc = valid();
    mutate(doc);
    const r = parseProfileDocument(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

test.each([
  [[], "(root)"],
  [["policy", "services", "ssh", "sources", 0], "policy.services.ssh.sources[0]"],
  [["policy", "services", "my key"], 'policy.services["my key"]'],
])("formatIssuePath(%j) = %s", (path, text) => {
  expect(formatIssuePath(path)).toBe(text);
});

test("the example in docs/profile-format.md is a valid, canonical profile", () => {
  const markdown = readFileSync(join(__dirname, "../../../docs/profile-format.md"), "utf8");
  const example = /```json\n([\s\S]*?)```/.exec(markdown)?.[1];
  const parsed = parseProfileDocument(example ?? "");
  expect(parsed.ok).toBe(true);
  if (parsed.ok) expect(serializeProfileDocument(parsed.value)).toBe(example);
});
