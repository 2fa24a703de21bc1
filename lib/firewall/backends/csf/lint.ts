/**
 * A checker for CSF's documented syntax, since there is no offline csf validator (docs/backends.md §5,
 * §8): what `Config.pm::loadconfig` and csf.pl's port, PORTFLOOD and CONNLIMIT parsing accept, and
 * how csf.allow / csf.deny lines are split. Used by the tests and usable before a download.
 */
import { parseNetwork } from "../../address";
import type { LintIssue } from "../types";

const KEY = /^[A-Z0-9_]+$/;
const PORT_ITEM = /^\d{1,5}(:\d{1,5})?$/;
const PORT_KEYS = new Set(["TCP_IN", "TCP_OUT", "UDP_IN", "UDP_OUT", "TCP6_IN", "TCP6_OUT", "UDP6_IN", "UDP6_OUT"]);

function validPort(item: string): boolean {
  if (!PORT_ITEM.test(item)) return false;
  const [a, b] = item.split(":").map(Number);
  return (a ?? 0) >= 1 && (a ?? 0) <= 65535 && (b === undefined || ((b ?? 0) >= (a ?? 0) && (b ?? 0) <= 65535));
}

function listItems(value: string): string[] {
  return value === "" ? [] : value.split(",");
}

function valueIssues(key: string, value: string): string[] {
  if (PORT_KEYS.has(key)) return listItems(value).filter((i) => !validPort(i)).map((i) => `Invalid ${key} port [${i}]`);
  if (key === "PORTFLOOD") {
    return listItems(value).flatMap((item) => {
      const [port, proto, hits, secs, ...rest] = item.split(";");
      const ok = rest.length === 0 && validPort(port ?? "") && (proto === "tcp" || proto === "udp") && /^\d+$/.test(hits ?? "") && Number(hits) >= 1 && Number(hits) <= 20 && /^\d+$/.test(secs ?? "") && Number(secs) >= 1;
      return ok ? [] : [`Invalid PORTFLOOD entry [${item}] (port;tcp|udp;1-20;seconds)`];
    });
  }
  if (key === "CONNLIMIT") {
    return listItems(value).flatMap((item) => {
      const [port, limit, ...rest] = item.split(";");
      return rest.length === 0 && validPort(port ?? "") && /^\d+$/.test(limit ?? "") && Number(limit) >= 1 ? [] : [`Invalid CONNLIMIT entry [${item}] (port;limit)`];
    });
  }
  if (["LF_IPSET_HASHSIZE", "LF_IPSET_MAXELEM"].includes(key)) return /^[1-9]\d*$/.test(value) ? [] : [`${key} must be a positive number`];
  if (["TESTING", "IPV6", "LF_IPSET"].includes(key)) return /^[01]$/.test(value) ? [] : [`${key} must be "0" or "1"`];
  return [];
}

/** csf.conf (or a CSF profile): `NAME = "value"` lines, comments, blank lines; each name once. */
export function lintCsfConf(text: string): LintIssue[] {
  const issues: LintIssue[] = [];
  const seen = new Map<string, number>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "" || raw.startsWith("#")) return;
    if (/^\s/.test(raw)) {
      issues.push({ line, message: "A line starting with whitespace is ignored by csf" });
      return;
    }
    const eq = raw.indexOf("=");
    const key = raw.slice(0, Math.max(eq, 0)).trim();
    const m = /^\s*"([^"\n]*)"\s*$/.exec(raw.slice(eq + 1));
    if (eq < 0 || !KEY.test(key) || !m) {
      issues.push({ line, message: `*Error* Invalid configuration line [${raw.slice(0, 60)}]` });
      return;
    }
    if (seen.has(key)) issues.push({ line, message: `*Error* Setting ${key} is repeated (first on line ${seen.get(key)})` });
    seen.set(key, line);
    for (const message of valueIssues(key, m[1] ?? "")) issues.push({ line, message });
  });
  return issues;
}

function validAddress(text: string): boolean {
  const r = parseNetwork(text);
  return r.ok && r.value.text === text && !text.startsWith("127.") && text !== "::1";
}

/** One advanced filter `tcp|in|d=22,80|s=203.0.113.0/24` (readme §10): a port and an address are both required. */
function filterIssue(rule: string): string | null {
  const fields = rule.split("|");
  let ports: string | undefined;
  let address: string | undefined;
  for (const [i, f] of fields.entries()) {
    if (i === 0 && /^(tcp|udp)$/.test(f)) continue;
    if (i <= 1 && /^(in|out)$/.test(f)) continue;
    const m = /^([sd])=(.+)$/.exec(f);
    if (!m) return `Unknown field [${f}]`;
    if (m[2]?.includes(".") || m[2]?.includes(":")) address = m[2];
    else ports = m[2];
  }
  if (!ports || !address) return "An advanced filter needs a port and an address";
  const items = ports.split(",");
  const slots = items.reduce((n, p) => n + (p.includes("_") ? 2 : 1), 0);
  if (slots > 15 || items.some((p) => !validPort(p.replace("_", ":")))) return `Invalid ports [${ports}]`;
  return validAddress(address) ? null : `Invalid address [${address}]`;
}

/**
 * csf.allow / csf.deny: csf skips lines starting with `#` and any line containing "Include"; the
 * rule is the first whitespace-separated token, the rest (after `#`) is a comment.
 */
export function lintCsfList(text: string): LintIssue[] {
  const issues: LintIssue[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === "") return;
    if (trimmed.startsWith("#")) {
      if (/Include/.test(raw)) issues.push({ line, message: "Comment mentions Include" });
      return;
    }
    if (/Include/.test(raw)) {
      issues.push({ line, message: "csf ignores (or includes) any line containing Include" });
      return;
    }
    const [rule = "", ...rest] = trimmed.split(/\s+/);
    if (rest.length > 0 && rest[0] !== "#") issues.push({ line, message: "Text after the rule must be a # comment" });
    const problem = rule.includes("|") ? filterIssue(rule) : validAddress(rule) ? null : `Invalid address [${rule}]`;
    if (problem) issues.push({ line, message: problem });
  });
  return issues;
}
