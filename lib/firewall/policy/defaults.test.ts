import { describe, expect, test } from "vitest";
import { getCatalog } from "../catalog";
import { createDefaultDocument, recommendedBackend } from "./defaults";
import { OPERATING_SYSTEMS, PANELS, profileDocumentSchema } from "./schema";

test.each([
  ["almalinux", "nftables"],
  ["rocky", "nftables"],
  ["cloudlinux", "nftables"],
  ["ubuntu", "iptables"],
  ["debian", "nftables"],
] as const)("recommended backend on %s is %s", (os, backend) => {
  expect(recommendedBackend(os)).toBe(backend);
});

const COMBINATIONS = PANELS.flatMap((panel) => OPERATING_SYSTEMS.map((os) => ({ panel, os })));

describe.each(COMBINATIONS)("new $panel profile on $os", ({ panel, os }) => {
  const doc = createDefaultDocument({ name: "new-server", panel, os });

  test("is valid, filters IPv6, allows outbound, uses the recommended backend", () => {
    expect(profileDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.policy).toMatchObject({ backend: recommendedBackend(os), ipv6: true, outbound: "allow-all", inboundDefault: "deny" });
  });

  test("lists every catalog service, with OS-specific rows only where they apply", () => {
    const catalog = getCatalog(panel);
    expect(Object.keys(doc.policy.services).sort()).toEqual(catalog.services.map((s) => s.id).sort());
    for (const s of catalog.services) {
      const applies = !s.onlyOn || s.onlyOn.includes(os);
      expect(doc.policy.services[s.id]!.enabled).toBe(s.defaults.enabled && applies);
    }
  });

  test("carries the SMTP rate limit when SMTP is open", () => {
    const smtpOpen = doc.policy.services.smtp?.enabled === true;
    expect(doc.policy.rateLimits.some((r) => r.ports.from === 25 && r.newConnections?.count === 10)).toBe(smtpOpen);
  });
});

test("server input is validated and canonicalised", () => {
  expect(createDefaultDocument({ name: "x", os: "ubuntu", panel: "cpanel", adminSources: ["2001:DB8::/32"] }).server.adminSources).toEqual(["2001:db8::/32"]);
  expect(() => createDefaultDocument({ name: "x", os: "ubuntu", panel: "cpanel", sshPort: 0 })).toThrow();
});

test("the FTP passive range is written out, so users see and can change it", () => {
  const doc = createDefaultDocument({ name: "x", os: "debian", panel: "froxlor" });
  expect(doc.policy.services["ftp-passive"]!.ports).toEqual({ from: 49152, to: 65534 });
});

describe("administrator logins", () => {
  test.each(PANELS)("on %s start limited to the administrator sources when the server lists any", (panel) => {
    const doc = createDefaultDocument({ name: "x", os: "almalinux", panel, adminSources: ["203.0.113.0/24"] });
    const logins = getCatalog(panel).services.filter((s) => s.isAdminLogin).map((s) => s.id);
    expect(logins).toContain("ssh");
    if (panel === "cpanel") expect(logins).toEqual(expect.arrayContaining(["whm", "whm-ssl"]));
    for (const id of logins) expect(doc.policy.services[id]!.access, id).toBe("admins");
    expect(doc.policy.services.https!.access).toBe("anyone");
  });

  test.each(PANELS)("on %s start open to anyone while no administrator source is known", (panel) => {
    const doc = createDefaultDocument({ name: "x", os: "almalinux", panel });
    expect(doc.policy.services.ssh!.access).toBe("anyone");
  });
});
