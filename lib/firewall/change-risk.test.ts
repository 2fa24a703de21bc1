import { describe, expect, test } from "vitest";
import { accessRisk, combineRisks, rateLimitRisk, settingRisk } from "./change-risk";
import { diffDocuments } from "./diff";
import { makeProfile, setService } from "@/tests/support/profile";
import type { ProfileDocument, RateLimit } from "./policy/schema";

const base = makeProfile({ adminSources: ["203.0.113.0/24"] }, (d) => {
  setService(d, "mysql", { enabled: false });
  setService(d, "ssh", { enabled: true, access: "admins" });
});
/** "text: risk" per entry from `before` to `after`. */
const risks = (after: ProfileDocument, before: ProfileDocument = base) => diffDocuments(before, after).map((e) => `${e.text}: ${e.risk}`);
const changed = (mutate: (d: ProfileDocument) => void) => {
  const d = structuredClone(base);
  mutate(d);
  return d;
};

describe("revision diff entries are classified by exposure", () => {
  const openMysql = changed((d) => setService(d, "mysql", { enabled: true, tcp: true, inbound: true, localhostOnly: false, access: "anyone" }));

  test("opening 3306 to anyone is riskier; closing it again is safer", () => {
    expect(risks(openMysql)).toEqual(["MySQL enabled: riskier", "Opened 3306/tcp (MySQL, from anyone): riskier"]);
    expect(risks(base, openMysql)).toEqual(["MySQL disabled: safer", "Closed 3306/tcp (MySQL, from anyone): safer"]);
  });

  test("SSH from administrator sources to anyone is riskier, and back is safer", () => {
    const open = changed((d) => setService(d, "ssh", { access: "anyone" }));
    expect(risks(open)).toEqual(["SSH: allowed from administrator sources → anyone: riskier"]);
    expect(risks(base, open)).toEqual(["SSH: allowed from anyone → administrator sources: safer"]);
  });

  test.each<[string, (d: ProfileDocument) => void, string[]]>([
    ["a block is safer", (d) => d.policy.blocked.push({ address: "198.51.100.7", comment: "" }), ["Blocked 198.51.100.7: safer"]],
    ["a new rate limit is safer", (d) => d.policy.rateLimits.push({ id: "web", label: "", ports: { from: 443, to: 443 }, protocol: "tcp", concurrent: 50 }),
      ["Rate limit web (443/tcp, 50 concurrent) added: safer"]],
    ["another administrator source is riskier", (d) => { d.server.adminSources.push("192.0.2.1"); }, ["Administrator source 192.0.2.1 added: riskier"]],
    ["restricted outbound is safer", (d) => { d.policy.outbound = "restricted"; }, ["Outbound: allow-all → restricted: safer"]],
    ["turning IPv6 filtering off is riskier", (d) => { d.policy.ipv6 = false; }, ["IPv6 filtering: on → off: riskier"]],
    ["the backend is neutral", (d) => { d.policy.backend = "iptables"; }, ["Backend: nftables → iptables: neutral"]],
    ["a rename is neutral", (d) => { d.server.name = "renamed"; }, ["Server name: test-server → renamed: neutral"]],
    ["a source on a service open to anyone changes nothing", (d) => setService(d, "ssh", { sources: ["192.0.2.9"] }), ["SSH: source 192.0.2.9 added: neutral"]],
  ])("%s", (_what, mutate, expected) => {
    expect(risks(changed(mutate))).toEqual(expected);
  });
});

describe("pieces", () => {
  test.each([
    ["anyone", "admins", "safer"], ["admins", "anyone", "riskier"], ["list", "anyone", "riskier"], ["admins", "list", "neutral"], ["list", "list", "neutral"],
  ] as const)("access %s → %s is %s", (was, now, risk) => expect(accessRisk(was, now)).toBe(risk));

  const limit = (patch: Partial<RateLimit>): RateLimit => ({ id: "r", label: "", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 30, seconds: 60 }, ...patch });
  test.each<[string, Partial<RateLimit>, string]>([
    ["a higher rate is riskier", { newConnections: { count: 60, seconds: 60 } }, "riskier"],
    ["a longer window for the same count is safer", { newConnections: { count: 30, seconds: 120 } }, "safer"],
    ["adding a cap is safer", { concurrent: 10 }, "safer"],
    ["dropping the rate for a cap is a mix, so neutral", { newConnections: undefined, concurrent: 10 }, "neutral"],
    ["another port is neutral", { ports: { from: 587, to: 587 } }, "neutral"],
  ])("rate limit: %s", (_what, patch, risk) => expect(rateLimitRisk(limit({}), limit(patch))).toBe(risk));

  test("settings without an order are neutral; mixed votes are neutral", () => {
    expect(settingRisk("Exim reverse DNS", "off", "strict")).toBe("safer");
    expect(settingRisk("Server hostname", "a", "b")).toBe("neutral");
    expect(combineRisks(["riskier", "safer"])).toBe("neutral");
    expect(combineRisks(["neutral", "riskier"])).toBe("riskier");
  });
});
