import { describe, expect, test } from "vitest";
import { getCatalog } from "../catalog";
import { resolvePolicy, subtractRanges } from "./resolve";
import { makeProfile, setService, type Mutate, type ServerPatch } from "@/tests/support/profile";

const resolve = (server: ServerPatch = {}, mutate?: Mutate) => {
  const doc = makeProfile(server, mutate);
  return resolvePolicy(doc, getCatalog(doc.server.panel));
};

describe("resolvePolicy", () => {
  test("admins access uses the profile's admin sources, split by family", () => {
    const rules = resolve({ adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] }, (d) => setService(d, "ssh", { access: "admins" }));
    expect(rules.inbound.find((r) => r.key === "ssh-tcp")?.sources).toEqual({ v4: ["203.0.113.0/24"], v6: ["2001:db8:a::/48"] });
  });

  test("list access uses the service's own sources; anyone stays anyone", () => {
    const rules = resolve({}, (d) => setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] }));
    expect(rules.inbound.find((r) => r.key === "mysql-tcp")?.sources).toEqual({ v4: ["198.51.100.7"], v6: [] });
    expect(rules.inbound.find((r) => r.key === "https-tcp")?.sources).toBe("anyone");
  });

  test("ports a rule opens are left out of the localhost-only refusals (an SSH port inside the FTP passive range stays reachable)", () => {
    const rules = resolve({ panel: "froxlor", sshPort: 49152 }, (d) => {
      setService(d, "ftp-passive", { enabled: true, tcp: true, udp: true, inbound: false, localhostOnly: true });
      d.policy.customRules.push({ id: "game", label: "Game", ports: { from: 50000, to: 50010 }, tcp: false, udp: true, direction: "inbound", access: "anyone", sources: [] });
    });
    const local = Object.fromEntries(rules.localhostOnly.filter((l) => l.label === "FTP passive range").map((l) => [l.protocol, l.ports]));
    expect(local.tcp).toEqual([{ from: 49153, to: 65534 }]);
    expect(local.udp).toEqual([{ from: 49152, to: 49999 }, { from: 50011, to: 65534 }]);
    expect(rules.inbound.find((r) => r.key === "ssh-tcp")?.ports).toEqual([{ from: 49152, to: 49152 }]);
  });

  test("subtractRanges cuts holes and edges", () => {
    expect(subtractRanges([{ from: 10, to: 20 }], [{ from: 5, to: 10 }, { from: 15, to: 15 }, { from: 20, to: 30 }])).toEqual([{ from: 11, to: 14 }, { from: 16, to: 19 }]);
    expect(subtractRanges([{ from: 10, to: 20 }], [{ from: 1, to: 100 }])).toEqual([]);
    expect(subtractRanges([{ from: 10, to: 20 }], [])).toEqual([{ from: 10, to: 20 }]);
  });

  test.each(["cphulk", "powerdns", "spamassassin"])("localhost-only %s emits no inbound rule", (id) => {
    const rules = resolve();
    expect(rules.inbound.some((r) => r.origin.id === id)).toBe(false);
    expect(rules.localhostOnly.some((l) => l.ports[0]!.from === getCatalog("cpanel").services.find((s) => s.id === id)!.port.from)).toBe(true);
  });

  test.each([
    ["ubuntu", true],
    ["almalinux", false],
  ] as const)("onlyOn: apt key server outbound on %s: %s", (os, present) => {
    const rules = resolve({ os }, (d) => {
      d.policy.outbound = "restricted";
      setService(d, "apt-keys", { enabled: true });
    });
    expect(rules.outbound.some((r) => r.key === "apt-keys-tcp")).toBe(present);
  });

  test("SSH follows the profile's port", () => {
    expect(resolve({ sshPort: 2222 }).inbound.find((r) => r.key === "ssh-tcp")?.ports).toEqual([{ from: 2222, to: 2222 }]);
  });

  test("the passive range follows the profile's setting", () => {
    const rules = resolve({}, (d) => setService(d, "ftp-passive", { enabled: true, ports: { from: 30000, to: 35000 } }));
    expect(rules.inbound.find((r) => r.key === "ftp-passive-tcp")?.ports).toEqual([{ from: 30000, to: 35000 }]);
  });

  test("outbound rules only exist when outbound is restricted, with the essentials added", () => {
    expect(resolve().outbound).toEqual([]);
    const restricted = resolve({}, (d) => { d.policy.outbound = "restricted"; });
    expect(restricted.outbound.map((r) => r.key)).toEqual(expect.arrayContaining(["cpanel-licensing-2089-tcp", "e-dns-udp", "e-ntp"]));
  });

  test("blocked entries are split by family", () => {
    const rules = resolve({}, (d) => d.policy.blocked.push({ address: "192.0.2.0/24", comment: "" }, { address: "2001:db8:bad::/48", comment: "" }));
    expect(rules.blocked).toEqual({ v4: ["192.0.2.0/24"], v6: ["2001:db8:bad::/48"] });
  });
});
