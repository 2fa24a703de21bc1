/**
 * CSF: a profile of managed `NAME = "value"` lines for `csf --profile apply` (each key once: a
 * repeated key is fatal to csf), plus allow/deny files pulled into csf.allow / csf.deny with one
 * Include line each. Per-port sources use the advanced filter `tcp|in|d=PORT|s=IP`. docs/backends.md §5.
 */
import type { PortRange } from "../../policy/schema";
import type { Protocol, RuleSet } from "../../policy/resolve";
import { blockedAllowedOverlaps, chunkedLines, commentBlock, groupRules, headerLines, multiportChunks, NO_SOURCES, rangeText, restrictedGroups } from "../shared/rules";
import { FTP_CONTROL_PORT, needsActiveFtp } from "../shared/active-ftp";
import type { Limitation, RenderMeta, Renderer, RuleFile } from "../types";
import { CSF_DEFAULT_MAXELEM, CSF_LFD_HEADROOM, CSF_MAX_BLOCKED_PER_FAMILY, CSF_MAX_HITCOUNT, CSF_MAX_SET_ENTRIES, isLoopback, portfloodAllowed, portfloodHitcount } from "./facts";
import { csfSafe } from "./text";

export { CSF_MAX_HITCOUNT };
const LARGE_DENY = 200;

function portList(ports: PortRange[]): string {
  return ports.map((r) => rangeText(r, ":")).join(",");
}

function openPorts(ruleSet: RuleSet, protocol: Protocol): PortRange[] {
  return groupRules(ruleSet.inbound).filter((g) => g.sources === "anyone" && g.protocol === protocol).flatMap((g) => g.ports);
}

function outPorts(ruleSet: RuleSet, protocol: Protocol): string {
  if (ruleSet.outboundPolicy === "allow-all") return "1:65535";
  return portList(groupRules(ruleSet.outbound).filter((g) => g.protocol === protocol).flatMap((g) => g.ports));
}


function header(ruleSet: RuleSet, meta: RenderMeta, what: string, limitations: Limitation[] = []): string {
  return commentBlock(headerLines(ruleSet, meta, what, limitations).map((l) => l.replace(/include/gi, "incl.")));
}

function blockedPerFamily(ruleSet: RuleSet): [string, number][] {
  return [["IPv4", ruleSet.blocked.v4.length], ["IPv6", ruleSet.ipv6 ? ruleSet.blocked.v6.length : 0]];
}

/**
 * `LF_IPSET_MAXELEM` and `LF_IPSET_HASHSIZE` for the longer family's list plus lfd's headroom (CSF
 * uses one size for all its sets): at least CSF's default, rounded up to a power of two, at most
 * CSF_MAX_SET_ENTRIES; the initial hash size an eighth of it (a power of two, as ipset wants).
 */
export function csfSetSize(ruleSet: RuleSet): { maxelem: number; hashsize: number } {
  const need = Math.max(...blockedPerFamily(ruleSet).map(([, n]) => n)) + CSF_LFD_HEADROOM;
  let maxelem = CSF_DEFAULT_MAXELEM;
  while (maxelem < need && maxelem < CSF_MAX_SET_ENTRIES) maxelem *= 2;
  return { maxelem, hashsize: Math.max(1024, maxelem / 8) };
}

export function csfLimitations(ruleSet: RuleSet): Limitation[] {
  const out: Limitation[] = [];
  for (const rl of ruleSet.rateLimits) {
    if (rl.newConnections && portfloodAllowed(rl.newConnections.count) < rl.newConnections.count) {
      out.push({ backend: "csf", id: "portflood-clamped", detail: `${rl.label}: ${rl.newConnections.count} per ${rl.newConnections.seconds} s exceeds what PORTFLOOD can count; it lets ${portfloodAllowed(rl.newConnections.count)} through` });
    }
    if (rl.concurrent !== undefined && rl.protocol === "udp") out.push({ backend: "csf", id: "connlimit-udp", detail: `${rl.label}: CONNLIMIT counts TCP only; the UDP cap is not enforced` });
  }
  for (const b of blockedAllowedOverlaps(ruleSet)) out.push({ backend: "csf", id: "allow-beats-deny", detail: `${b} is blocked but overlaps an allowed source; in CSF the allow wins` });
  for (const [family, count] of blockedPerFamily(ruleSet)) {
    if (count > CSF_MAX_BLOCKED_PER_FAMILY) out.push({ backend: "csf", id: "ipset-capacity", detail: `${count} blocked ${family} entries: CSF's sets are sized to at most ${CSF_MAX_SET_ENTRIES} (room kept for lfd), so the last ${count - CSF_MAX_BLOCKED_PER_FAMILY} are not blocked; use nftables or iptables` });
  }
  if (ruleSet.ipv6 && ruleSet.rateLimits.length > 0) out.push({ backend: "csf", id: "ipv6-limit-per-address", detail: "CSF counts PORTFLOOD and CONNLIMIT per single IPv6 address, not per /64 as the other backends do: an IPv6 client gets the allowance once per address it uses" });
  for (const b of [...ruleSet.blocked.v4, ...ruleSet.blocked.v6].filter(isLoopback)) out.push({ backend: "csf", id: "loopback-block", detail: `${b}: csf refuses loopback addresses in csf.deny` });
  return out;
}

/** Managed csf.conf keys in a fixed order; a Map, so no key can appear twice. */
export function csfSettings(ruleSet: RuleSet): Map<string, string> {
  const s = new Map<string, string>();
  s.set("TESTING", "1");
  s.set("TCP_IN", portList(openPorts(ruleSet, "tcp")));
  s.set("UDP_IN", portList(openPorts(ruleSet, "udp")));
  s.set("TCP_OUT", outPorts(ruleSet, "tcp"));
  s.set("UDP_OUT", outPorts(ruleSet, "udp"));
  s.set("IPV6", ruleSet.ipv6 ? "1" : "0");
  for (const key of ["TCP_IN", "UDP_IN", "TCP_OUT", "UDP_OUT"]) s.set(key.replace("_", "6_"), ruleSet.ipv6 ? (s.get(key) ?? "") : "");
  const flood = ruleSet.rateLimits.filter((r) => r.newConnections).flatMap((r) => r.ports.map((p) => {
    const n = r.newConnections ?? { count: 1, seconds: 1 };
    return `${rangeText(p, ":")};${r.protocol};${portfloodHitcount(n.count)};${n.seconds}`;
  }));
  s.set("PORTFLOOD", flood.join(","));
  const conn = ruleSet.rateLimits.filter((r) => r.concurrent !== undefined && r.protocol === "tcp").flatMap((r) => r.ports.map((p) => `${rangeText(p, ":")};${r.concurrent}`));
  s.set("CONNLIMIT", conn.join(","));
  // FASTSTART makes a clean shutdown save iptables-save's text and the boot restore it; that text
  // gives PORTFLOOD's recent match an explicit `--mask 255.255.255.255`, after which the IPv6 rule
  // of the same list counts sources per /32 (seen with real csf 15.11, docs/backends.md §13.5).
  // Without it csf builds the rules from its files at boot, as on any start.
  if (ruleSet.ipv6 && ruleSet.rateLimits.some((r) => r.newConnections)) s.set("FASTSTART", "0");
  // CSF's own switch: the FTP conntrack helper on the control port makes the data connection RELATED.
  if (needsActiveFtp(ruleSet)) s.set("USE_FTPHELPER", String(FTP_CONTROL_PORT));
  const denies = ruleSet.blocked.v4.length + (ruleSet.ipv6 ? ruleSet.blocked.v6.length : 0);
  if (denies > LARGE_DENY) {
    const size = csfSetSize(ruleSet);
    s.set("LF_IPSET", "1");
    s.set("LF_IPSET_HASHSIZE", String(size.hashsize));
    s.set("LF_IPSET_MAXELEM", String(size.maxelem));
  }
  return s;
}

function renderProfile(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [
    header(ruleSet, meta, "CSF profile (csf --profile apply portcullis)", csfLimitations(ruleSet)),
    "# Only keys that already exist in csf.conf are changed. Ports limited to certain sources are not in",
    "# TCP_IN: they are opened per source in portcullis.allow. Localhost-only ports are simply not listed.",
    "# PORTFLOOD uses a sliding window (recent): the Nth hit inside the window is dropped, so each entry",
    "# counts the allowed connections plus one, at most 20.",
    "# TESTING = 1 flushes the firewall every TESTING_INTERVAL minutes: set it to 0 once access is confirmed.",
  ];
  for (const [key, value] of csfSettings(ruleSet)) lines.push(`${key} = "${value}"`);
  return `${lines.join("\n")}\n`;
}

/** Loopback sources are left out: csf refuses them, and loopback is never filtered anyway. */
function filterLines(protocol: Protocol, ports: PortRange[], addresses: string[], label: string): string[] {
  return multiportChunks(ports).flatMap((chunk) => {
    const d = chunk.map((r) => rangeText(r, "_")).join(",");
    return addresses.map((a) => (isLoopback(a) ? `# ${a} left out: csf refuses loopback addresses (loopback is always allowed)` : `${protocol}|in|d=${d}|s=${a} # ${csfSafe(label)}`));
  });
}

function renderAllow(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [header(ruleSet, meta, "CSF allow entries (per-port sources)"), "# Advanced filters: protocol|direction|d=ports|s=source. A plain address here would open every port."];
  for (const { group, addresses, label } of restrictedGroups(ruleSet)) {
    if (addresses.length === 0) lines.push(`# ${csfSafe(label)}: ${NO_SOURCES}`);
    lines.push(...filterLines(group.protocol, group.ports, addresses, label));
  }
  return `${lines.join("\n")}\n`;
}

function renderDeny(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [header(ruleSet, meta, "CSF deny entries (blocked, both directions)")];
  for (const list of [ruleSet.blocked.v4, ruleSet.ipv6 ? ruleSet.blocked.v6 : []]) {
    lines.push(...chunkedLines(list, (a) => (isLoopback(a) ? `# ${a} left out: csf refuses loopback addresses` : `${a} # Portcullis blocked, do not delete`)));
  }
  return `${lines.join("\n")}\n`;
}

export const csfRenderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
    return [
      { path: "portcullis.conf", installPath: "/usr/local/csf/profiles/portcullis.conf", content: renderProfile(ruleSet, meta), mode: 0o600, description: "csf.conf settings as a CSF profile" },
      { path: "portcullis.allow", installPath: "/etc/csf/portcullis.allow", content: renderAllow(ruleSet, meta), mode: 0o600, description: "Per-port source allows (Include from csf.allow)" },
      { path: "portcullis.deny", installPath: "/etc/csf/portcullis.deny", content: renderDeny(ruleSet, meta), mode: 0o600, description: "Blocked addresses (Include from csf.deny)" },
    ];
  },
  limitations: csfLimitations,
} satisfies Renderer;
