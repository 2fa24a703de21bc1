/**
 * `ufw status verbose` text: the Default line and the rule table (`22/tcp  ALLOW IN  Anywhere`,
 * `(v6)` rows, LIMIT, DENY, ALLOW OUT, application profiles). docs/backends.md §4.
 */
import { fileLines, parsePortRange, parseSource } from "../../import/text";
import type { Finding, ImportedBlock, ImportedLimit, ImportedRule, ImportFile } from "../../import/types";

/** Ports of the application profiles shipped with Ubuntu's packages (/etc/ufw/applications.d). */
const APP_PROFILES: Record<string, { tcp: string; udp?: string }> = {
  OpenSSH: { tcp: "22" }, "Nginx HTTP": { tcp: "80" }, "Nginx HTTPS": { tcp: "443" }, "Nginx Full": { tcp: "80,443" },
  Apache: { tcp: "80" }, "Apache Secure": { tcp: "443" }, "Apache Full": { tcp: "80,443" }, Postfix: { tcp: "25" },
  "Postfix SMTPS": { tcp: "465" }, "Postfix Submission": { tcp: "587" }, "Dovecot IMAP": { tcp: "143" }, "Dovecot Secure IMAP": { tcp: "993" },
  "Dovecot POP3": { tcp: "110" }, "Dovecot Secure POP3": { tcp: "995" }, Bind9: { tcp: "53", udp: "53" },
};

export type StatusResult = { defaultIn?: string; defaultOut?: string; rules: ImportedRule[]; blocked: ImportedBlock[]; limits: ImportedLimit[]; sawV6: boolean };

// ufw prints "To" padded to 26 characters and then one space: a longer entry is followed by that one space only.
const ROW = /^(.+?)\s+(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?\s+(.+?)\s*$/;

export function readUfwStatus(file: ImportFile, findings: Finding[]): StatusResult {
  const out: StatusResult = { rules: [], blocked: [], limits: [], sawV6: false };
  fileLines(file).forEach((raw, i) => {
    const origin = { file: file.path, line: i + 1 };
    const line = raw.trimEnd();
    const defaults = /^Default:\s*(\w+) \(incoming\),\s*(\w+) \(outgoing\)/.exec(line);
    if (defaults) {
      out.defaultIn = defaults[1]?.toUpperCase();
      out.defaultOut = defaults[2]?.toUpperCase();
      return;
    }
    if (/^Status:\s*inactive/.test(line)) findings.push({ ...origin, severity: "warning", message: "UFW was inactive: none of these rules were in force. The imported profile will enforce them." });
    const m = ROW.exec(line);
    if (!m || /^To\s|^--/.test(line)) return;
    const [, toRaw = "", action = "", dir = "IN", fromRaw = ""] = m;
    const v6 = /\(v6\)/.test(toRaw) || /\(v6\)/.test(fromRaw);
    out.sawV6 ||= v6;
    const to = toRaw.replace(/\s*\(v6\)/, "").trim();
    const from = fromRaw.replace(/\s*\(v6\)/, "").replace(/\s+#.*$/, "").trim();
    if (dir === "FWD") return void findings.push({ ...origin, severity: "warning", message: "A routed (forwarding) rule: not part of a profile; not imported." });
    const app = APP_PROFILES[to];
    const spec = /^([\d,:]+)(?:\/(tcp|udp))?$/.exec(to);
    const ports: { protocol: "tcp" | "udp"; list: string }[] = app ? [{ protocol: "tcp", list: app.tcp }, ...(app.udp ? [{ protocol: "udp" as const, list: app.udp }] : [])]
      : spec?.[1] ? (spec[2] ? [{ protocol: spec[2] as "tcp" | "udp", list: spec[1] }] : [{ protocol: "tcp", list: spec[1] }, { protocol: "udp", list: spec[1] }]) : [];
    const source = from === "Anywhere" ? "anyone" : parseSource(from);
    if (to === "Anywhere" && source !== null && source !== "anyone" && (action === "DENY" || action === "REJECT") && dir === "IN") {
      return void out.blocked.push({ address: source, comment: "", origin });
    }
    if (ports.length === 0 || source === null) return void findings.push({ ...origin, severity: "warning", message: `"${to.slice(0, 40)}" from "${from.slice(0, 40)}" is not a port list and address a profile can hold (an unknown application profile or interface rule); not imported.` });
    for (const { protocol, list } of ports) for (const item of list.split(",")) {
      const range = parsePortRange(item, ":");
      if (!range) continue;
      if (action === "DENY" || action === "REJECT") {
        if (source !== "anyone") findings.push({ ...origin, severity: "warning", message: "A port-specific deny cannot be expressed (blocked addresses are blocked on every port); not imported." });
        continue;
      }
      const direction = dir === "OUT" ? "outbound" : "inbound";
      out.rules.push({ direction, protocol, ports: range, sources: direction === "outbound" ? "anyone" : source === "anyone" ? "anyone" : [source], origin });
      if (action === "LIMIT") out.limits.push({ protocol, ports: range, newConnections: { count: 5, seconds: 30 }, origin });
    }
  });
  return out;
}
