/**
 * Issue 14: importing large configurations, in process: a 100,000-line csf.deny, a 100,000-rule
 * iptables-save and a 100,000-element nft set, each under 1 s.
 * Inputs are generated here; each sample is one full import (parse, map onto the catalog, validate).
 */
import { importFirewall, type ImportFile } from "@/lib/firewall/import";
import type { Backend } from "@/lib/firewall/policy/schema";
import { figure, timed, type Figure } from "./lib/figures";

const PART = "5 import";

/** Distinct public-looking IPv4 addresses: 11.0.0.1, 11.0.0.2, … */
function address(i: number): string {
  const n = 0x0b000001 + i;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

function csfDeny(count: number): ImportFile[] {
  const lines = Array.from({ length: count }, (_, i) => `${address(i)} # lfd: (sshd) Failed SSH login from ${address(i)}: 5 in the last 3600 secs - Mon Dec  1 04:00:00 2026`);
  return [{ path: "csf.conf", text: 'TCP_IN = "22,80,443"\nTCP_OUT = "1:65535"\nUDP_IN = ""\nUDP_OUT = "1:65535"\n' }, { path: "csf.deny", text: `${lines.join("\n")}\n` }];
}

function iptablesSave(count: number): ImportFile[] {
  const rules = Array.from({ length: count }, (_, i) => `-A INPUT -s ${address(i)}/32 -j DROP`);
  const text = ["*filter", ":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", "-A INPUT -i lo -j ACCEPT", ...rules, "-A INPUT -p tcp -m multiport --dports 22,80,443 -j ACCEPT", "COMMIT", ""].join("\n");
  return [{ path: "rules.v4", text }];
}

function nftSet(count: number): ImportFile[] {
  const elements = Array.from({ length: count }, (_, i) => address(i)).join(",\n      ");
  const text = `table inet filter {\n  set blocked {\n    type ipv4_addr; flags interval\n    elements = { ${elements} }\n  }\n  chain input {\n    type filter hook input priority 0; policy drop;\n    ip saddr @blocked drop\n    tcp dport { 22, 80, 443 } accept\n  }\n}\n`;
  return [{ path: "nftables.conf", text }];
}

async function time(backend: Backend, files: ImportFile[], runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const { ms, value } = await timed(() => importFirewall(backend, files, { panel: "cpanel", os: "almalinux", name: "bench" }));
    if (!value.ok) throw new Error(value.message);
    if (i > 0) samples.push(ms);
  }
  return samples;
}

export async function benchImport(options: { runs: number; count: number }): Promise<Figure[]> {
  const n = options.count;
  return [
    figure(PART, `csf.deny with ${n.toLocaleString("en")} lines → profile`, "ms", await time("csf", csfDeny(n), options.runs), { target: { op: "<", value: 1000 }, note: "in process, after one warm-up import" }),
    figure(PART, `iptables-save with ${n.toLocaleString("en")} rules → profile`, "ms", await time("iptables", iptablesSave(n), options.runs), { target: { op: "<", value: 1000 }, note: "source DROP rules read in order; in process" }),
    figure(PART, `nft set with ${n.toLocaleString("en")} elements → profile`, "ms", await time("nftables", nftSet(n), options.runs), { target: { op: "<", value: 1000 }, note: "nftables.conf text, one named set; in process" }),
  ];
}
