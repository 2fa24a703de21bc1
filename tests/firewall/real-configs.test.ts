/**
 * Real configurations written by other people (tests/fixtures/real-configs/<backend>/, sources in
 * each SOURCES.md): each folder imports without a crash, into a valid profile, and what the
 * profile cannot carry is reported with file and line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { importFirewall, type ImportFile } from "@/lib/firewall/import";
import { profileDocumentSchema, type Backend } from "@/lib/firewall/policy/schema";

const ROOT = join(__dirname, "../fixtures/real-configs");

function folder(backend: string, name: string): ImportFile[] {
  const dir = join(ROOT, backend, name);
  return readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).map((f) => ({ path: f, text: readFileSync(join(dir, f), "utf8") }));
}

/** Per folder: findings (as `file:line severity message`) that must be among the report. */
const EXPECTED: Record<string, Record<string, RegExp[]>> = {
  csf: {
    "sentinel-cpanel": [/^csf\.allow:31 warning Include \/etc\/csf\/cpanel\.comodo\.allow: that file was not given/, /^csf\.ignore:1 info csf\.ignore lists addresses lfd never blocks/, /^csf\.conf:\d+ warning SMTP_BLOCK|^csf\.conf:\d+ info LF_\w+: an lfd/, /^csf\.conf:\d+ warning CC_/],
    "hestiacp-carlosfriascf": [/^csf\.conf:\d+ info LF_\w+: an lfd/],
    "stuarteske-lfd": [/^csf\.deny:19 info tcp 22 is closed to everyone/, /^csf\.conf:0 warning No csf\.conf was given/],
  },
  apf: {
    gonzalovela: [/^conf\.apf:20 info DEVEL_MODE=1/, /^conf\.apf:374 warning IG_ICMP_TYPES/],
    "rfxn-2.0.2": [/^conf\.apf:\d+ warning EG_DROP_CMD/],
  },
  firewalld: {
    "firewalld-upstream": [/^ftp\.xml:6 warning Service ftp: <helper>/],
    "opensuse-webstack": [],
    vicibox: [/^public\.xml:5 warning Service apache2 is neither among the given files nor a stock service/],
  },
  nftables: {
    catatsuy: [/^nftables\.conf:29 warning Forwarding/],
    "nftables-testsuite": [/^0001named_interval_0\.json-nft:2 warning Table inet t has no input or output hook chain/, /^0001named_interval_0\.json-nft:0 warning No ip or inet table filters input/],
    "dfinity-gateway": [/^nftables\.conf:10 warning include/, /^nftables\.conf:57 warning A port- or protocol-specific deny/, /^nftables\.conf:50 warning \$gw_saddr_v4 is not defined in the given files/],
  },
  ufw: {
    "digitalocean-docker": [/^\/etc\/default\/ufw:0 info Not given: assumed UFW's defaults/, /^user\.rules:0 warning user\.rules was given without user6\.rules/],
    "imarkplace-web": [/^user\.rules:162 warning A port- or protocol-specific deny/, /^user\.rules:42 warning Blocked after earlier allows: tcp 22, udp 22, tcp 80, udp 80, tcp 443, udp 443 stayed open to 23\.251\.32\.180/],
    "redblue-lab": [],
  },
  iptables: {
    "a-abella-centos": [/^iptables:11 warning Protocol esp is not TCP or UDP/, /^iptables:13 warning A rule for one destination address/, /^iptables:8 warning Forwarding/],
    "coldhakca-tor-relay": [/^rules\.v6:0 warning Only ip6tables-save output was given/],
    "vinhjaxt-docker-host": [/^iptables-save\.txt:77 warning NAT/, /^iptables-save\.txt:8 warning packet marking/, /^iptables-save\.txt:65 warning An interface-specific rule \(-i tailscale0\)/, /^iptables-save\.txt:35 warning INPUT accepts everything/],
  },
};

describe.each(Object.keys(EXPECTED))("real %s configurations", (backend) => {
  test.each(Object.keys(EXPECTED[backend] ?? {}))("%s imports with findings", (name) => {
    const result = importFirewall(backend as Backend, folder(backend, name), { panel: "cpanel", os: "almalinux", name: "real" });
    if (!result.ok) throw new Error(result.message);
    expect(profileDocumentSchema.safeParse(result.document).success).toBe(true);
    const lines = result.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`);
    for (const pattern of EXPECTED[backend]?.[name] ?? []) expect(lines.some((l) => pattern.test(l)), `${pattern}`).toBe(true);
  });
});

test("UFW's limit rule becomes a rate limit and its status table becomes ports", () => {
  const r = importFirewall("ufw", folder("ufw", "digitalocean-docker"), { panel: "other", os: "ubuntu", name: "real" });
  if (!r.ok) throw new Error(r.message);
  expect(r.document.policy.services.ssh).toMatchObject({ enabled: true, inbound: true });
  expect(r.document.policy.rateLimits).toEqual(expect.arrayContaining([expect.objectContaining({ protocol: "tcp", ports: { from: 22, to: 22 }, newConnections: { count: 5, seconds: 30 } })]));
  const status = importFirewall("ufw", folder("ufw", "redblue-lab"), { panel: "other", os: "ubuntu", name: "real" });
  if (!status.ok) throw new Error(status.message);
  expect(status.document.policy).toMatchObject({ ipv6: true, outbound: "allow-all" });
  expect(status.document.policy.services.http).toMatchObject({ enabled: true, tcp: true, udp: false });
});

test("the CSF imports carry the ports and per-source allows", () => {
  const r = importFirewall("csf", folder("csf", "sentinel-cpanel"), { panel: "cpanel", os: "almalinux", name: "real" });
  if (!r.ok) throw new Error(r.message);
  expect(r.document.policy.services.ssh).toMatchObject({ enabled: true, inbound: true, access: "anyone" });
  expect(r.document.policy.services["cpanel-ssl"]).toMatchObject({ enabled: true, inbound: true });
  const stuart = importFirewall("csf", folder("csf", "stuarteske-lfd"), { panel: "cpanel", os: "almalinux", name: "real" });
  if (!stuart.ok) throw new Error(stuart.message);
  expect(stuart.document.policy.blocked.length).toBeGreaterThan(5);
});

test("the nftables gateway opens only its web and mail ports: 'ct state { established, related }' opens nothing", () => {
  const r = importFirewall("nftables", folder("nftables", "dfinity-gateway"), { panel: "other", os: "debian", name: "real" });
  if (!r.ok) throw new Error(r.message);
  const open = Object.entries(r.document.policy.services).filter(([, s]) => s.enabled && s.inbound).map(([id]) => id);
  expect(open.sort()).toEqual(["http", "https", "smtp"]);
  expect(r.document.policy.customRules.filter((c) => c.direction === "inbound")).toEqual([]);
});
