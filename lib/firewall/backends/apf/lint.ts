/**
 * A checker for APF's documented syntax (docs/backends.md §6, §8, §10.5): conf.apf is sourced by bash,
 * so a value may hold only [0-9,_] (and `:` in the CLIMIT keys); trust files take one entry per
 * line, comments only on their own lines, advanced entries as proto:flow:d=port:s=address.
 */
import { parseNetwork } from "../../address";
import type { LintIssue } from "../types";

const KEYS = new Set(["DEVEL_MODE", "SET_TRIM", "USE_IPV6", "IG_TCP_CPORTS", "IG_UDP_CPORTS", "EGF", "EG_TCP_CPORTS", "EG_UDP_CPORTS", "IG_TCP_CLIMIT", "IG_UDP_CLIMIT"]);
const PORT = /^(\d{1,5})(?:_(\d{1,5}))?$/;

function validPorts(item: string): boolean {
  const m = PORT.exec(item);
  if (!m) return false;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a >= 1 && b >= a && b <= 65535;
}

/** The conf.apf values file: `KEY="value"` per managed key, each once. */
export function lintApfConf(text: string): LintIssue[] {
  const issues: LintIssue[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw === "" || raw.startsWith("#")) return;
    const m = /^([A-Z0-9_]+)="([^"]*)"$/.exec(raw);
    if (!m) {
      issues.push({ line, message: `Not a KEY="value" line: ${raw.slice(0, 60)}` });
      return;
    }
    const [, key = "", value = ""] = m;
    if (!KEYS.has(key)) issues.push({ line, message: `Unknown key ${key}` });
    if (seen.has(key)) issues.push({ line, message: `Repeated key ${key}` });
    seen.add(key);
    const climit = key.endsWith("_CLIMIT");
    if (!(climit ? /^[0-9_,:]*$/ : /^[0-9_,]*$/).test(value)) issues.push({ line, message: `${key}: only digits, commas and _ are safe in a sourced file` });
    const items = value === "" ? [] : value.split(",");
    if (key.endsWith("_CPORTS") && items.some((p) => !validPorts(p))) issues.push({ line, message: `${key}: invalid port list` });
    if (climit && items.some((x) => !/^\d+(_\d+)?:\d+$/.test(x) || !validPorts(x.split(":")[0] ?? ""))) issues.push({ line, message: `${key}: entries are port:limit` });
    if (["DEVEL_MODE", "USE_IPV6", "EGF"].includes(key) && !/^[01]$/.test(value)) issues.push({ line, message: `${key} must be 0 or 1` });
  });
  return issues;
}

function validAddress(text: string): boolean {
  const r = parseNetwork(text);
  return r.ok && r.value.text === text;
}

/** allow_hosts.rules / deny_hosts.rules. */
export function lintApfTrust(text: string): LintIssue[] {
  const issues: LintIssue[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw === "" || raw.startsWith("#")) return;
    if (/\s|#/.test(raw)) {
      issues.push({ line, message: "Entries hold no whitespace and no # (APF 9.7 drops such lines)" });
      return;
    }
    const m = /^(tcp|udp):(in|out):d=([0-9_]+):s=(\[[0-9a-f:/]+\]|[0-9./]+)$/.exec(raw);
    if (m) {
      const address = (m[4] ?? "").replace(/^\[|\]$/g, "");
      if (!validPorts(m[3] ?? "")) issues.push({ line, message: `Invalid port ${m[3]}` });
      if (!validAddress(address) || (address.includes(":") !== (m[4] ?? "").startsWith("["))) issues.push({ line, message: `Invalid address ${m[4]}` });
      return;
    }
    if (!validAddress(raw)) issues.push({ line, message: `Not an address or advanced entry: ${raw.slice(0, 60)}` });
  });
  return issues;
}
