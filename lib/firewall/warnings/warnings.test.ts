import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CPANEL_CATALOG } from "../catalog";
import { makeProfile, setService, type Mutate, type ServerPatch } from "@/tests/support/profile";
import { assessPolicy, hasCritical } from ".";

type Case = { id: string; server?: ServerPatch; fires: Mutate; quiet: Mutate; quietServer?: ServerPatch };

const nothing: Mutate = () => {};
const restrictOutbound: Mutate = (d) => { d.policy.outbound = "restricted"; };
const both = (...fns: Mutate[]): Mutate => (d) => fns.forEach((f) => f(d));
const custom = (id: string, from: number, direction: "inbound" | "outbound" = "inbound"): Mutate => (d) => {
  d.policy.customRules.push({ id, label: "", ports: { from, to: from }, tcp: true, udp: false, direction, access: "anyone", sources: [] });
};

const CASES: Case[] = [
  // critical
  { id: "lockout-ssh", fires: (d) => setService(d, "ssh", { access: "admins" }), quiet: nothing },
  { id: "lockout-whm", fires: (d) => setService(d, "whm-ssl", { enabled: false }), quiet: nothing },
  {
    id: "admin-blocked", server: { adminSources: ["203.0.113.10"] },
    fires: (d) => d.policy.blocked.push({ address: "203.0.113.0/24", comment: "" }),
    quiet: (d) => d.policy.blocked.push({ address: "198.51.100.0/24", comment: "" }),
  },
  { id: "localhost-exposed:cphulk", fires: (d) => setService(d, "cphulk", { localhostOnly: false, inbound: true }), quiet: nothing },
  { id: "localhost-exposed:powerdns", fires: custom("pdns", 953), quiet: custom("alt", 954) },
  { id: "localhost-exposed:spamassassin", fires: (d) => setService(d, "spamassassin", { localhostOnly: false, inbound: true }), quiet: nothing },
  { id: "outbound-cpanel-core", fires: both(restrictOutbound, (d) => setService(d, "cpanel-licensing-2089", { enabled: false })), quiet: restrictOutbound },
  // warning
  { id: "plaintext:pop3", fires: (d) => setService(d, "pop3", { enabled: true }), quiet: nothing },
  { id: "caldav-insecure", fires: (d) => setService(d, "caldav", { enabled: true }), quiet: (d) => setService(d, "caldav-ssl", { enabled: true }) },
  {
    id: "license-callback-closed", server: { adminSources: ["203.0.113.0/24"] },
    fires: (d) => { ["cpanel-ssl", "webmail-ssl"].forEach((id) => setService(d, id, { enabled: false })); setService(d, "whm-ssl", { access: "admins" }); },
    quiet: (d) => ["cpanel-ssl", "whm-ssl"].forEach((id) => setService(d, id, { enabled: false })),
  },
  { id: "mysql-open", fires: (d) => setService(d, "mysql", { enabled: true }), quiet: (d) => setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] }) },
  { id: "ftp-no-passive", fires: (d) => setService(d, "ftp", { enabled: true }), quiet: (d) => ["ftp", "ftp-passive"].forEach((id) => setService(d, id, { enabled: true })) },
  { id: "smtp-no-rate-limit", fires: (d) => { d.policy.rateLimits = []; }, quiet: nothing },
  { id: "ipv6-unfiltered", server: { ipv6: "2001:db8::1" }, fires: (d) => { d.policy.ipv6 = false; }, quiet: nothing },
  {
    id: "admins-one-family", server: { adminSources: ["203.0.113.0/24"] },
    fires: (d) => setService(d, "ssh", { access: "admins" }),
    quiet: (d) => { d.server.adminSources.push("2001:db8:a::/48"); setService(d, "ssh", { access: "admins" }); },
  },
  {
    id: "sources-one-family:mysql",
    fires: (d) => setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] }),
    quiet: (d) => setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7", "2001:db8:c::7"] }),
  },
  { id: "unknown-service:whm-ssl", server: { panel: "froxlor" }, fires: (d) => setService(d, "whm-ssl", { enabled: true }), quiet: (d) => setService(d, "whm-ssl", { enabled: false }) },
  { id: "no-sources:mysql", fires: (d) => setService(d, "mysql", { enabled: true, access: "list", sources: [] }), quiet: (d) => setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] }) },
  { id: "csf-apf-firewalld", fires: (d) => { d.policy.backend = "csf"; }, quiet: (d) => { d.policy.backend = "csf"; }, quietServer: { os: "ubuntu" } },
  { id: "rate-limit-approx:smtp-rate", fires: (d) => { d.policy.backend = "csf"; }, quiet: (d) => { d.policy.backend = "firewalld"; } },
  { id: "outbound-needs:autossl", fires: both(restrictOutbound, (d) => setService(d, "https", { outbound: false })), quiet: restrictOutbound },
  { id: "outbound-needs:updates", fires: both(restrictOutbound, (d) => setService(d, "http", { outbound: false })), quiet: restrictOutbound },
  { id: "outbound-needs:mail-delivery", fires: both(restrictOutbound, (d) => setService(d, "smtp", { outbound: false })), quiet: restrictOutbound },
  { id: "outbound-needs:razor", fires: both(restrictOutbound, (d) => setService(d, "razor", { enabled: false })), quiet: restrictOutbound },
  { id: "outbound-needs:pyzor", fires: both(restrictOutbound, (d) => setService(d, "pyzor", { udp: false })), quiet: restrictOutbound },
  { id: "outbound-needs:dcc", fires: both(restrictOutbound, (d) => setService(d, "dcc", { enabled: false })), quiet: restrictOutbound },
  { id: "outbound-needs:apt-keys", server: { os: "ubuntu" }, fires: both(restrictOutbound, (d) => setService(d, "apt-keys", { enabled: false })), quiet: restrictOutbound },
  // info
  { id: "backend-not-recommended", fires: (d) => { d.policy.backend = "iptables"; }, quiet: nothing },
  { id: "host-access-control-ignored", server: { os: "ubuntu" }, fires: (d) => { d.policy.backend = "csf"; }, quiet: (d) => { d.policy.backend = "iptables"; } },
  { id: "optional-port:activesync", fires: (d) => setService(d, "activesync", { enabled: true }), quiet: nothing },
  { id: "optional-port:smtp-alt", fires: (d) => setService(d, "smtp-alt", { enabled: true }), quiet: nothing },
  { id: "optional-port:apns", fires: (d) => setService(d, "apns", { enabled: true }), quiet: nothing },
  { id: "tls12-smtps", fires: nothing, quiet: (d) => setService(d, "smtps", { enabled: false }) },
  {
    id: "blocked-overlaps-allowed",
    fires: (d) => { setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] }); d.policy.blocked.push({ address: "198.51.100.0/24", comment: "" }); },
    quiet: (d) => { setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] }); d.policy.blocked.push({ address: "192.0.2.0/24", comment: "" }); },
  },
  {
    id: "blocked-redundant",
    fires: (d) => { d.policy.blocked.push({ address: "192.0.2.0/24", comment: "" }, { address: "192.0.2.7", comment: "" }); },
    quiet: (d) => { d.policy.blocked.push({ address: "192.0.2.0/25", comment: "" }, { address: "192.0.2.128/25", comment: "" }); },
  },
  { id: "custom-duplicates:web", fires: custom("web", 443), quiet: custom("web", 8443) },
  { id: "restrict-admin:ssh", fires: nothing, quiet: (d) => setService(d, "ssh", { access: "list", sources: ["203.0.113.7"] }) },
  { id: "restrict-admin:whm", fires: nothing, quiet: (d) => setService(d, "whm-ssl", { access: "list", sources: ["203.0.113.7"] }) },
  { id: "ipv6-off", fires: (d) => { d.policy.ipv6 = false; }, quiet: nothing },
  { id: "ipv6-entries-ignored", fires: (d) => { d.policy.ipv6 = false; d.policy.blocked.push({ address: "2001:db8:bad::/48", comment: "" }); }, quiet: (d) => { d.policy.ipv6 = false; } },
  {
    id: "blocked-one-family",
    fires: (d) => { d.policy.blocked.push({ address: "192.0.2.0/24", comment: "" }); },
    quiet: (d) => { d.policy.blocked.push({ address: "192.0.2.0/24", comment: "" }, { address: "2001:db8:bad::/48", comment: "" }); },
  },
];

const ids = (server: ServerPatch | undefined, mutate: Mutate) => assessPolicy(makeProfile(server, mutate)).map((w) => w.id);

describe("every warning fires when it should and stays quiet otherwise", () => {
  test.each(CASES)("$id fires", ({ id, server, fires }) => {
    expect(ids(server, fires)).toContain(id);
  });
  test.each(CASES)("$id stays quiet", ({ id, server, quietServer, quiet }) => {
    expect(ids({ ...server, ...quietServer }, quiet)).not.toContain(id);
  });
});

test("a new cPanel profile has no critical findings and no warnings, only advice", () => {
  const warnings = assessPolicy(makeProfile());
  expect(hasCritical(warnings)).toBe(false);
  expect(warnings.map((w) => w.severity)).not.toContain("warning");
});

test.each(["cpanel", "froxlor", "other"] as const)("a new %s profile on every OS has no critical findings", (panel) => {
  for (const os of ["almalinux", "rocky", "cloudlinux", "ubuntu", "debian"] as const) {
    expect(hasCritical(assessPolicy(makeProfile({ panel, os })))).toBe(false);
  }
});

describe("every warning is complete and written for people", () => {
  const everything = CASES.flatMap((c) => assessPolicy(makeProfile(c.server, c.fires)));
  test.each(everything)("$id", (w) => {
    expect(["critical", "warning", "info"]).toContain(w.severity);
    for (const text of [w.title, w.explanation, w.remediation]) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|\[object|NaN/);
    }
  });
});

test("order is by severity, then id, whatever the edit order", () => {
  const warnings = assessPolicy(makeProfile({}, both(...CASES.map((c) => c.fires))));
  const rank = { critical: 0, warning: 1, info: 2 };
  const sorted = [...warnings].sort((a, b) => rank[a.severity] - rank[b.severity] || (a.id < b.id ? -1 : 1));
  expect(warnings).toEqual(sorted);
  expect(new Set(warnings.map((w) => w.id)).size).toBe(warnings.length);
});

describe("administrator logins open to anyone", () => {
  const admins = { adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] };
  const severityOf = (server: ServerPatch, id: string) => assessPolicy(makeProfile(server, (d) => {
    setService(d, "ssh", { access: "anyone" });
    setService(d, "whm-ssl", { access: "anyone" });
  })).find((w) => w.id === id)?.severity;
  test.each(["restrict-admin:ssh", "restrict-admin:whm"])("%s is a warning when administrator sources exist, info otherwise", (id) => {
    expect(severityOf(admins, id)).toBe("warning");
    expect(severityOf({}, id)).toBe("info");
  });
  test("a new profile with administrator sources starts with neither", () => {
    const found = ids(admins, nothing);
    expect(found).not.toContain("restrict-admin:ssh");
    expect(found).not.toContain("restrict-admin:whm");
  });
});

describe("closing a role's core ports", () => {
  test.each([
    ["cpanel", ["http", "https"], "role-closed:web", "Web: HTTP 80 and HTTPS 443 are closed"],
    ["froxlor", ["http", "https"], "role-closed:web", "Web: HTTP 80 and HTTPS 443 are closed"],
    ["froxlor", ["smtp"], "role-closed:mail", "Mail: SMTP 25 is closed"],
    ["cpanel", ["dns"], "role-closed:dns", "DNS: DNS 53 is closed"],
    ["cpanel", ["cpanel-ssl"], "role-closed:panel", "Panel logins: cPanel SSL 2083 is closed"],
  ] as const)("%s: switching off %j raises %s", (panel, off, id, title) => {
    const warnings = assessPolicy(makeProfile({ panel }, (d) => off.forEach((s) => setService(d, s, { enabled: false }))));
    expect(warnings.find((w) => w.id === id)).toMatchObject({ severity: "warning", title });
  });
  test("a froxlor server, which does not start as a name server, is not warned about DNS", () => {
    expect(ids({ panel: "froxlor" }, nothing).filter((id) => id.startsWith("role-closed"))).toEqual([]);
  });
  test("limited to some sources is not closed; a custom rule on the port keeps it open", () => {
    expect(ids({}, (d) => setService(d, "http", { access: "list", sources: ["198.51.100.7"] }))).not.toContain("role-closed:web");
    expect(ids({}, both((d) => setService(d, "http", { enabled: false }), custom("web80", 80)))).not.toContain("role-closed:web");
  });
});

describe("plaintext services name their secure twin", () => {
  const plaintext = CPANEL_CATALOG.services.filter((s) => s.secureTwin && s.id !== "caldav");
  test.each(plaintext)("$id", (service) => {
    const warnings = assessPolicy(makeProfile({}, (d) => setService(d, service.id, { enabled: true })));
    const w = warnings.find((x) => x.id === `plaintext:${service.id}`);
    expect(w?.severity).toBe(service.id === "http" ? "info" : "warning");
    expect(w?.concerns.services).toContain(service.secureTwin);
  });
  test("CalDAV 2079 gets its own warning, not the generic one", () => {
    const found = ids({}, (d) => setService(d, "caldav", { enabled: true }));
    expect(found).toContain("caldav-insecure");
    expect(found).not.toContain("plaintext:caldav");
  });
});

test("docs/profile-format.md lists every kind of warning", () => {
  const markdown = readFileSync(join(__dirname, "../../../docs/profile-format.md"), "utf8");
  const kinds = new Set(CASES.map((c) => c.id.split(":")[0]!));
  for (const kind of kinds) expect(markdown).toMatch(new RegExp("`" + kind + "(:[^`]+)?`"));
});

describe("rate limits per backend", () => {
  const limits: Mutate = (d) => {
    d.policy.rateLimits = [
      { id: "smtp-rate", label: "", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 10, seconds: 300 } },
      { id: "dns-cap", label: "", ports: { from: 53, to: 53 }, protocol: "udp", concurrent: 50 },
    ];
  };
  test.each([
    ["nftables", []],
    ["iptables", []],
    ["ufw", []],
    ["firewalld", []],
    ["csf", ["rate-limit-approx:dns-cap", "rate-limit-approx:smtp-rate"]],
    ["apf", []],
  ] as const)("%s", (backend, expected) => {
    const found = ids({ os: "ubuntu" }, both(limits, (d) => { d.policy.backend = backend; })).filter((id) => id.startsWith("rate-limit-approx"));
    expect(found).toEqual(expected);
  });
  test("CSF cannot count 20 or more hits", () => {
    const doc = makeProfile({ os: "ubuntu" }, (d) => {
      d.policy.backend = "csf";
      d.policy.rateLimits = [{ id: "smtp-rate", label: "", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 30, seconds: 300 } }];
    });
    expect(assessPolicy(doc).find((w) => w.id === "rate-limit-approx:smtp-rate")?.explanation).toMatch(/at most 19/);
  });
});
