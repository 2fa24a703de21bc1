import { describe, expect, test } from "vitest";
import { summarizeExposure, type ExposureItem } from "./exposure";
import { createDefaultDocument } from "./policy/defaults";
import type { ProfileDocument, ServiceChoice } from "./policy/schema";

const keys = (items: ExposureItem[]) => items.map((i) => i.key);

function cpanel(change: (doc: ProfileDocument) => void = () => {}): ProfileDocument {
  const doc = createDefaultDocument({ name: "web1", os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"] });
  change(doc);
  return doc;
}

function set(doc: ProfileDocument, id: string, choice: Partial<ServiceChoice>): void {
  doc.policy.services[id] = { ...doc.policy.services[id]!, ...choice };
}

describe("summarizeExposure", () => {
  test("the cPanel starting profile: web and mail open to the world, admin logins to the admins, local daemons local", () => {
    const summary = summarizeExposure(cpanel());
    expect(keys(summary.inbound.world)).toEqual(expect.arrayContaining(["service:http", "service:https", "service:smtp", "service:cpanel-ssl"]));
    expect(keys(summary.inbound.restricted)).toEqual(["service:ssh", "service:whm-ssl"]);
    expect(summary.inbound.localhostOnly.map((i) => i.label)).toEqual(["cPHulk", "SpamAssassin (spamd)", "PowerDNS control"]);
    expect(summary.encryption.plaintext.map((i) => i.label)).toEqual(["HTTP"]);
    expect(keys(summary.encryption.encrypted)).toEqual(expect.arrayContaining(["service:https", "service:ssh", "service:smtps", "service:imaps", "service:whm-ssl"]));
    expect(summary.encryption.unknown.map((i) => i.label)).toEqual(["SMTP", "DNS", "SMTP submission"]);
    expect(summary.outbound).toEqual({ policy: "allow-all", allowed: [] });
    expect(summary.ipv6).toBe(true);
  });

  test("items are sorted by port and merge TCP and UDP", () => {
    const { world } = summarizeExposure(cpanel()).inbound;
    const ports = world.map((i) => Number(i.ports.split(/[-,]/)[0]));
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
    expect(world.find((i) => i.key === "service:dns")).toEqual({ key: "service:dns", label: "DNS", ports: "53", protocols: ["tcp", "udp"] });
  });

  test.each([
    ["access admins", { access: "admins" as const }, "restricted"],
    ["access list", { access: "list" as const, sources: ["198.51.100.7"] }, "restricted"],
    ["localhost only", { localhostOnly: true }, "localhostOnly"],
    ["switched off", { enabled: false }, null],
    ["inbound off", { inbound: false }, null],
  ])("SSH with %s", (_name, choice, group) => {
    const summary = summarizeExposure(cpanel((d) => set(d, "ssh", choice)));
    const where = (["world", "restricted", "localhostOnly"] as const).filter((g) =>
      summary.inbound[g].some((i) => i.key === "service:ssh" || i.label === "SSH"),
    );
    expect(where).toEqual(group ? [group] : []);
  });

  test("plaintext services opened inbound count as plaintext; custom rules as unknown", () => {
    const summary = summarizeExposure(cpanel((d) => {
      set(d, "ftp", { enabled: true });
      set(d, "pop3", { enabled: true });
      d.policy.customRules.push({ id: "exporter", label: "Node exporter", ports: { from: 9100, to: 9100 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.9"] });
    }));
    expect(summary.encryption.plaintext.map((i) => i.label)).toEqual(["FTP", "HTTP", "POP3"]);
    expect(summary.encryption.unknown.map((i) => i.key)).toContain("custom:exporter");
    expect(summary.inbound.restricted).toContainEqual({ key: "custom:exporter", label: "Node exporter", ports: "9100", protocols: ["tcp"] });
  });

  test("restricted outbound lists what may leave, with DNS and NTP always", () => {
    const summary = summarizeExposure(cpanel((d) => {
      d.policy.outbound = "restricted";
    }));
    expect(summary.outbound.policy).toBe("restricted");
    const labels = summary.outbound.allowed.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["DNS resolver", "Time sync (NTP)", "cPanel licensing"]));
  });

  test("blocked entries are counted per family", () => {
    const summary = summarizeExposure(cpanel((d) => {
      d.policy.blocked = [{ address: "192.0.2.0/24", comment: "" }, { address: "198.51.100.66", comment: "" }, { address: "2001:db8:bad::/48", comment: "" }];
    }));
    expect(summary.blocked).toEqual({ v4: 2, v6: 1 });
  });
});
