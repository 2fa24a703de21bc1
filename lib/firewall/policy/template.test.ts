import { describe, expect, test } from "vitest";
import { makeProfile, setService, type Mutate } from "@/tests/support/profile";
import { policySchema, type Policy } from "./schema";
import { followTemplate, resetOverride, templateOverrides, templatePreviewServer, updateFollower } from "./template";

const TEMPLATE = makeProfile({}, (d) => {
  d.policy.customRules.push({ id: "exporter", label: "Node exporter", ports: { from: 9100, to: 9100 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.1"] });
  d.policy.rateLimits.push({ id: "ssh-flood", label: "SSH", ports: { from: 22, to: 22 }, protocol: "tcp", newConnections: { count: 30, seconds: 60 } });
  d.policy.blocked.push({ address: "192.0.2.1", comment: "" });
  setService(d, "mysql", { enabled: true, inbound: true, access: "list", sources: ["198.51.100.7"] });
});
const SERVER = makeProfile({ adminSources: ["203.0.113.5"] }).server;

/** The template's policy changed by `mutate`, validated like every saved profile. */
function edit(mutate: Mutate, from: Policy = TEMPLATE.policy): Policy {
  return makeProfile({}, (d) => {
    d.policy = structuredClone(from);
    mutate(d);
  }).policy;
}

const keys = (base: Policy, server: Policy) => templateOverrides(base, server, "cpanel").map((o) => o.key);

describe("overrides are what a follower changed from its template revision", () => {
  test("a follower equal to the template has none", () => {
    expect(keys(TEMPLATE.policy, structuredClone(TEMPLATE.policy))).toEqual([]);
  });

  test("each kind of change is named once, by area and id", () => {
    const server = edit((d) => {
      d.policy.backend = "csf";
      setService(d, "mysql", { access: "anyone" });
      d.policy.customRules.push({ id: "extra", label: "", ports: { from: 8443, to: 8443 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] });
      d.policy.rateLimits = d.policy.rateLimits.filter((r) => r.id !== "ssh-flood");
      d.policy.blocked.push({ address: "198.51.100.99", comment: "abuse" });
    });
    const found = templateOverrides(TEMPLATE.policy, server, "cpanel");
    expect(found.map((o) => [o.key, o.kind])).toEqual([
      ["setting/backend", "changed"],
      ["service/mysql", "changed"],
      ["customRules/extra", "added"],
      ["rateLimits/ssh-flood", "removed"],
      ["blocked", "changed"],
    ]);
    expect(found.find((o) => o.key === "service/mysql")?.label).toBe("MySQL");
    expect(found.find((o) => o.key === "blocked")?.detail).toBe("1 address added on this server");
  });

  test("two services that are both off are the same, whatever flags they keep", () => {
    const base = edit((d) => setService(d, "mysql", { enabled: false, udp: false }));
    const server = edit((d) => setService(d, "mysql", { enabled: false, udp: true }));
    expect(keys(base, server)).toEqual([]);
  });
});

describe("reset gives one part back its template value and leaves the rest", () => {
  const server = edit((d) => {
    d.policy.backend = "csf";
    setService(d, "mysql", { access: "anyone" });
    d.policy.customRules[0]!.ports = { from: 9101, to: 9101 };
    d.policy.blocked.push({ address: "198.51.100.99", comment: "" });
  });

  test.each(["setting/backend", "service/mysql", "customRules/exporter", "blocked"])("%s", (key) => {
    const reset = resetOverride(server, TEMPLATE.policy, key);
    expect(policySchema.safeParse(reset).success).toBe(true);
    const before = keys(TEMPLATE.policy, server);
    expect(keys(TEMPLATE.policy, reset)).toEqual(before.filter((k) => k !== key));
  });

  test("an added rule is removed, a removed one comes back", () => {
    const added = edit((d) => d.policy.customRules.push({ id: "extra", label: "", ports: { from: 1, to: 1 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] }));
    expect(resetOverride(added, TEMPLATE.policy, "customRules/extra").customRules.map((r) => r.id)).toEqual(["exporter"]);
    const removed = edit((d) => { d.policy.rateLimits = d.policy.rateLimits.filter((r) => r.id !== "ssh-flood"); });
    expect(resetOverride(removed, TEMPLATE.policy, "rateLimits/ssh-flood").rateLimits).toEqual(TEMPLATE.policy.rateLimits);
  });

  test("resetting a service brings the source list it references; resetting a list only this server has drops its references", () => {
    const list = { id: "seo", label: "SEO scanner", origin: "webpros-seo" as const, addresses: ["198.51.100.50"] };
    const base = edit((d) => { d.policy.sourceLists = [list]; setService(d, "http", { access: "list", lists: ["seo"] }); });
    const server = edit((d) => { delete d.policy.sourceLists; setService(d, "http", { access: "anyone", lists: undefined }); });
    const reset = resetOverride(server, base, "service/http");
    expect(reset.sourceLists).toEqual([list]);
    expect(policySchema.safeParse(reset).success).toBe(true);

    const own = edit((d) => { d.policy.sourceLists = [list]; setService(d, "http", { access: "list", lists: ["seo"] }); });
    const dropped = resetOverride(own, TEMPLATE.policy, "sourceLists/seo");
    expect(dropped.sourceLists).toBeUndefined();
    expect(dropped.services.http?.lists).toEqual([]);
    expect(policySchema.safeParse(dropped).success).toBe(true);
  });

  test("an unknown key changes nothing", () => {
    expect(resetOverride(server, TEMPLATE.policy, "nonsense/x")).toBe(server);
  });
});

describe("a new template revision reaches a follower by a three-way merge", () => {
  const next = edit((d) => {
    setService(d, "ftp", { enabled: true, inbound: true });
    d.policy.blocked.push({ address: "192.0.2.77", comment: "from the template" });
    d.policy.backend = "iptables";
  });

  test("a follower without overrides becomes the new revision", () => {
    const result = updateFollower(TEMPLATE.policy, structuredClone(TEMPLATE.policy), next, SERVER);
    expect(result.ok && result.policy).toEqual(next);
    expect(result.ok && result.kept).toEqual([]);
  });

  test("overrides stay, everything else follows", () => {
    const server = edit((d) => {
      setService(d, "mysql", { access: "anyone" });
      d.policy.blocked.push({ address: "198.51.100.99", comment: "" });
    });
    const result = updateFollower(TEMPLATE.policy, server, next, SERVER);
    if (!result.ok) throw new Error(result.message);
    expect(result.policy.services.ftp).toMatchObject({ enabled: true, inbound: true });
    expect(result.policy.services.mysql?.access).toBe("anyone");
    expect(result.policy.blocked.map((b) => b.address).sort()).toEqual(["192.0.2.1", "192.0.2.77", "198.51.100.99"]);
    expect(keys(next, result.policy)).toEqual(["service/mysql", "blocked"]);
  });

  test("where both changed the same field, the follower's override wins and is reported", () => {
    const server = edit((d) => { d.policy.backend = "csf"; });
    const result = updateFollower(TEMPLATE.policy, server, next, SERVER);
    if (!result.ok) throw new Error(result.message);
    expect(result.policy.backend).toBe("csf");
    expect(result.kept).toEqual([{ path: ["backend"], title: "Settings · Firewall backend", server: "CSF", template: "iptables" }]);
  });

  test("a merge that would break a limit is refused with the reason", () => {
    const many = (prefix: number) => Array.from({ length: 300 }, (_, i) => ({ id: `r${prefix}-${i}`, label: "", ports: { from: 1000 + i, to: 1000 + i }, tcp: true, udp: false, direction: "inbound" as const, access: "anyone" as const, sources: [] }));
    const server = edit((d) => { d.policy.customRules.push(...many(1)); });
    const bigger = edit((d) => { d.policy.customRules.push(...many(2)); });
    const result = updateFollower(TEMPLATE.policy, server, bigger, SERVER);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/customRules: At most 500 custom rules/);
  });
});

describe("following", () => {
  const server = edit((d) => { d.policy.backend = "csf"; });

  test("adopt takes the template's policy, keep keeps the server's (its differences are its overrides)", () => {
    expect(followTemplate(server, TEMPLATE.policy, "adopt")).toEqual(TEMPLATE.policy);
    const kept = followTemplate(server, TEMPLATE.policy, "keep");
    expect(kept).toBe(server);
    expect(keys(TEMPLATE.policy, kept)).toEqual(["setting/backend"]);
  });

  test("the template's own preview server has placeholder administrator sources and no addresses", () => {
    const preview = templatePreviewServer({ name: "Shared hosting", panel: "froxlor", os: "debian" });
    expect(preview).toMatchObject({ name: "Shared hosting", panel: "froxlor", os: "debian", ipv4: "", adminSources: ["192.0.2.0/24", "2001:db8::/32"] });
  });
});
