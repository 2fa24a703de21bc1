import { describe, expect, test } from "vitest";
import type { Backend } from "../policy/schema";
import { importFirewall } from ".";
import { compareMoveOffCsf } from "./move-off-csf";

const CONF = [
  'TESTING = "0"',
  'TCP_IN = "22,80,443,3306"',
  'TCP6_IN = "22,80,3306"',
  'UDP_IN = ""',
  'UDP6_IN = ""',
  'TCP_OUT = "1:65535"',
  'UDP_OUT = "1:65535"',
  'TCP6_OUT = "1:65535"',
  'UDP6_OUT = "1:65535"',
  'IPV6 = "1"',
  'PORTFLOOD = "22;tcp;5;300"',
  'CONNLIMIT = "80;20"',
].join("\n");
const ALLOW = "192.0.2.10 # office\ntcp|in|d=2083|s=198.51.100.7 # support\n";
const DENY = "203.0.113.9 # lfd\ntcp|in|d=3306|s=0.0.0.0/0\ntcp|in|d=25|s=203.0.113.77\n";

function review(conf: string, backend: Backend = "nftables") {
  const files = [{ path: "csf/csf.conf", text: conf }, { path: "csf/csf.allow", text: ALLOW }, { path: "csf/csf.deny", text: DENY }];
  const imported = importFirewall("csf", files, { panel: "cpanel", os: "almalinux", name: "web1", backend });
  if (!imported.ok) throw new Error(imported.message);
  expect(imported.document.policy.backend).toBe(backend);
  return compareMoveOffCsf(files, imported.document);
}

const row = (c: ReturnType<typeof review>["comparison"], direction: string, protocol: string, port: number) =>
  c.ports.find((r) => r.direction === direction && r.protocol === protocol && r.ports.from <= port && port <= r.ports.to);

describe("Move off CSF: CSF beside the new rules", () => {
  test("ports carried over are the same on both sides, family by family", () => {
    const { comparison } = review(CONF);
    expect(row(comparison, "inbound", "tcp", 22)).toMatchObject({ before: { ipv4: true, ipv6: true }, after: { ipv4: true, ipv6: true }, same: true });
    expect(comparison.unfiltered).toContain("outbound udp ipv6");
  });

  test("a port open only on IPv4 in CSF (TCP6_IN lacks it) is a difference: the profile opens it on both", () => {
    expect(row(review(CONF).comparison, "inbound", "tcp", 443)).toMatchObject({ before: { ipv4: true, ipv6: false }, after: { ipv4: true, ipv6: true }, same: false });
  });

  test("a port closed to everyone by csf.deny stays closed on both sides", () => {
    expect(row(review(CONF).comparison, "inbound", "tcp", 3306)).toBeUndefined();
  });

  test("sources: csf.allow addresses and advanced filters are reachable the same way", () => {
    const { sources } = review(CONF).comparison;
    expect(sources).toContainEqual({ source: "198.51.100.7", protocol: "tcp", before: "2083", after: "2083", same: true });
    expect(sources.find((s) => s.source === "192.0.2.10" && s.protocol === "udp")).toMatchObject({ before: "1-65535", same: true });
  });

  test("deny list: plain addresses match, a port-specific deny is a difference", () => {
    const { denied } = review(CONF).comparison;
    expect(denied.same).toBe(1);
    expect(denied.rows).toEqual([{ address: "203.0.113.77", before: "tcp 25", after: null }]);
  });

  test("limits: PORTFLOOD and CONNLIMIT come out as the same per-port limits", () => {
    expect(review(CONF).comparison.limits).toEqual([
      { ports: "tcp 22", before: "new 4/300s", after: "new 4/300s", same: true },
      { ports: "tcp 80", before: "concurrent 20", after: "concurrent 20", same: true },
    ]);
  });

  test("IPv6 unfiltered in CSF (IPV6 = 0) stays unfiltered: listed once, not as a row per gap", () => {
    const { comparison } = review(CONF.replace('IPV6 = "1"', 'IPV6 = "0"'));
    expect(comparison.unfiltered).toEqual(["inbound tcp ipv6", "inbound udp ipv6", "outbound tcp ipv4", "outbound tcp ipv6", "outbound udp ipv4", "outbound udp ipv6"]);
    expect(comparison.ports.every((r) => r.before.ipv4 || r.after.ipv4)).toBe(true);
    expect(comparison.ports.map((r) => `${r.ports.from}-${r.ports.to}`)).toEqual(["22-22", "80-80", "443-443"]);
    expect(comparison.ports.every((r) => r.same)).toBe(true);
  });

  test("restricted outbound: the DNS and NTP the new rules always allow show as differences", () => {
    const conf = CONF.replace('TCP_OUT = "1:65535"', 'TCP_OUT = "25,80,443"').replace('UDP_OUT = "1:65535"', 'UDP_OUT = "20,21"')
      .replace('TCP6_OUT = "1:65535"', 'TCP6_OUT = "25,80,443"').replace('UDP6_OUT = "1:65535"', 'UDP6_OUT = "20,21"');
    const { comparison } = review(conf);
    expect(row(comparison, "outbound", "tcp", 443)).toMatchObject({ same: true });
    expect(row(comparison, "outbound", "udp", 53)).toMatchObject({ before: { ipv4: false }, after: { ipv4: true }, same: false });
    expect(comparison.differences).toBeGreaterThanOrEqual(4);
  });

  test("nothing CSF enforced is lost on nftables; firewalld and APF enforce the limits through their companions", () => {
    expect(review(CONF, "nftables").limitations).toEqual([]);
    for (const backend of ["firewalld", "apf"] as Backend[]) {
      expect(review(CONF, backend).limitations.map((l) => l.id)).not.toContain("rate-limit-per-source");
    }
  });
});
