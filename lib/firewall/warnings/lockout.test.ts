import { describe, expect, test } from "vitest";
import { makeProfile, setService, type Mutate, type ServerPatch } from "@/tests/support/profile";
import { assessPolicy } from ".";

const V4_ADMIN = "203.0.113.0/24";
const V6_ADMIN = "2001:db8:a::/48";

type Scenario = { name: string; server?: ServerPatch; mutate: Mutate; locked: boolean; stranded?: string[] };

const SCENARIOS: Scenario[] = [
  { name: "SSH open to anyone, no admin sources", mutate: () => {}, locked: false },
  { name: "SSH for admins, but no admin sources", mutate: (d) => setService(d, "ssh", { access: "admins" }), locked: true },
  { name: "SSH for admins, with admin sources", server: { adminSources: [V4_ADMIN, V6_ADMIN] }, mutate: (d) => setService(d, "ssh", { access: "admins" }), locked: false },
  { name: "SSH switched off", mutate: (d) => setService(d, "ssh", { enabled: false }), locked: true },
  { name: "SSH without TCP", mutate: (d) => setService(d, "ssh", { tcp: false, udp: true }), locked: true },
  { name: "SSH local only", mutate: (d) => setService(d, "ssh", { localhostOnly: true }), locked: true },
  { name: "SSH with an empty source list", mutate: (d) => setService(d, "ssh", { access: "list", sources: [] }), locked: true },
  {
    name: "SSH list containing the admin network", server: { adminSources: ["203.0.113.64/26"] },
    mutate: (d) => setService(d, "ssh", { access: "list", sources: [V4_ADMIN] }), locked: false,
  },
  {
    name: "SSH list missing the admin network", server: { adminSources: [V4_ADMIN] },
    mutate: (d) => setService(d, "ssh", { access: "list", sources: ["198.51.100.0/24"] }), locked: true, stranded: [V4_ADMIN],
  },
  {
    name: "SSH list covering only part of the admin network", server: { adminSources: [V4_ADMIN] },
    mutate: (d) => setService(d, "ssh", { access: "list", sources: ["203.0.113.0/25"] }), locked: true, stranded: [V4_ADMIN],
  },
  {
    name: "IPv6 admin with a v4-only list while IPv6 is filtered", server: { adminSources: [V4_ADMIN, V6_ADMIN] },
    mutate: (d) => setService(d, "ssh", { access: "list", sources: [V4_ADMIN] }), locked: true, stranded: [V6_ADMIN],
  },
  {
    name: "IPv6 admin with a v4-only list while IPv6 is not filtered", server: { adminSources: [V4_ADMIN, V6_ADMIN] },
    mutate: (d) => { d.policy.ipv6 = false; setService(d, "ssh", { access: "list", sources: [V4_ADMIN] }); }, locked: false,
  },
  {
    name: "moved SSH port served by a custom rule", server: { sshPort: 2222 },
    mutate: (d) => { setService(d, "ssh", { enabled: false }); d.policy.customRules.push({ id: "ssh-alt", label: "", ports: { from: 2200, to: 2299 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] }); },
    locked: false,
  },
  {
    name: "moved SSH port, custom rule still on 22", server: { sshPort: 2222 },
    mutate: (d) => { setService(d, "ssh", { enabled: false }); d.policy.customRules.push({ id: "ssh-old", label: "", ports: { from: 22, to: 22 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] }); },
    locked: true,
  },
];

describe("SSH lockout", () => {
  test.each(SCENARIOS)("$name", ({ server, mutate, locked, stranded }) => {
    const warning = assessPolicy(makeProfile(server, mutate)).find((w) => w.id === "lockout-ssh");
    expect(warning !== undefined).toBe(locked);
    if (warning) expect(warning.severity).toBe("critical");
    if (stranded) expect(warning?.concerns.entries).toEqual(stranded);
  });

  test("the warning follows the profile's SSH port", () => {
    const warning = assessPolicy(makeProfile({ sshPort: 2222 }, (d) => setService(d, "ssh", { enabled: false }))).find((w) => w.id === "lockout-ssh");
    expect(warning?.concerns.ports).toEqual([{ from: 2222, to: 2222, protocol: "tcp" }]);
  });
});

describe("WHM lockout", () => {
  test.each([
    { name: "WHM for admins without admin sources", mutate: ((d) => setService(d, "whm-ssl", { access: "admins" })) as Mutate, locked: true },
    { name: "plain WHM 2086 does not count (it redirects to 2087)", mutate: ((d) => { setService(d, "whm-ssl", { enabled: false }); setService(d, "whm", { enabled: true }); }) as Mutate, locked: true },
    { name: "WHM open to anyone", mutate: (() => {}) as Mutate, locked: false },
  ])("$name", ({ mutate, locked }) => {
    expect(assessPolicy(makeProfile({}, mutate)).some((w) => w.id === "lockout-whm")).toBe(locked);
  });

  test("froxlor has no WHM to lock", () => {
    expect(assessPolicy(makeProfile({ panel: "froxlor" })).some((w) => w.id === "lockout-whm")).toBe(false);
  });
});

describe("admin source on the blocked list", () => {
  test.each([
    { blocked: "203.0.113.0/24", admin: "203.0.113.10", fires: true },
    { blocked: "203.0.113.10", admin: "203.0.113.0/24", fires: true },
    { blocked: "2001:db8:a::/64", admin: "2001:db8:a::/48", fires: true },
    { blocked: "203.0.114.0/24", admin: "203.0.113.0/24", fires: false },
  ])("$admin vs blocked $blocked", ({ blocked, admin, fires }) => {
    const doc = makeProfile({ adminSources: [admin] }, (d) => d.policy.blocked.push({ address: blocked, comment: "" }));
    expect(assessPolicy(doc).some((w) => w.id === "admin-blocked")).toBe(fires);
  });
});
