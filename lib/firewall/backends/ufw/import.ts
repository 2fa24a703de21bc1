/**
 * Import UFW: a copy of /etc/ufw (user.rules, user6.rules, ufw.conf, before/after rules) with
 * /etc/default/ufw, or the text of `ufw status verbose`. user.rules is iptables-save format and
 * is read by the iptables machinery from ufw-user-input/-output (docs/backends.md §4).
 */
import { baseName, fileLines } from "../../import/text";
import type { Finding, ImportedFirewall, Importer, ImportFile } from "../../import/types";
import { evaluateIptables, type FamilyResult } from "../shared/iptables-eval";
import { parseIptablesSave } from "../shared/iptables-parse";
import { readUfwStatus } from "./import-status";
import { UFW_BEGIN, UFW_END } from "./render";

/**
 * The per-source limits Portcullis puts in before(6).rules (render.ts: the block between its
 * markers): the file with every rule outside the block blanked, so the stock rules stay out and
 * line numbers stay true.
 */
function portcullisBlock(file: ImportFile): ImportFile | null {
  let inside = false;
  let seen = false;
  const text = fileLines(file).map((line) => {
    if (line.startsWith(UFW_BEGIN)) inside = seen = true;
    else if (line.startsWith(UFW_END)) inside = false;
    return inside || !line.startsWith("-A") ? line : "";
  });
  return seen ? { path: file.path, text: text.join("\n") } : null;
}

function shellVars(file: ImportFile): Map<string, { value: string; line: number }> {
  const vars = new Map<string, { value: string; line: number }>();
  fileLines(file).forEach((raw, i) => {
    const m = /^\s*([A-Z_0-9]+)=["']?([^"'#]*)["']?\s*(?:#.*)?$/.exec(raw);
    if (m?.[1]) vars.set(m[1], { value: (m[2] ?? "").trim(), line: i + 1 });
  });
  return vars;
}

export const importUfw: Importer = (files) => {
  const findings: Finding[] = [];
  const named = (name: string) => files.find((f) => baseName(f.path) === name);
  const defaults = named("ufw") ?? files.find((f) => /DEFAULT_INPUT_POLICY/.test(f.text));
  const vars = defaults ? shellVars(defaults) : new Map<string, { value: string; line: number }>();
  const conf = named("ufw.conf");
  const enabled = conf ? shellVars(conf).get("ENABLED") : undefined;
  if (conf && enabled?.value === "no") findings.push({ file: conf.path, line: enabled.line, severity: "warning", message: "ENABLED=no: UFW was off, so none of these rules were in force. The imported profile will enforce them." });
  const hasStatus = files.some((f) => /^Status:/m.test(f.text));
  if (!defaults && !hasStatus) findings.push({ file: "/etc/default/ufw", line: 0, severity: "info", message: "Not given: assumed UFW's defaults (deny incoming, allow outgoing, IPv6 on). Add /etc/default/ufw if yours differ." });
  const inputPolicy = vars.get("DEFAULT_INPUT_POLICY")?.value ?? "DROP";
  const outputPolicy = vars.get("DEFAULT_OUTPUT_POLICY")?.value ?? "ACCEPT";
  if (vars.get("DEFAULT_FORWARD_POLICY")?.value === "ACCEPT") findings.push({ file: defaults?.path ?? "", line: vars.get("DEFAULT_FORWARD_POLICY")?.line ?? 0, severity: "warning", message: "DEFAULT_FORWARD_POLICY=ACCEPT forwards traffic; a profile does not filter forwarding. Not imported." });
  const opts = (p: string) => ({
    input: `${p}-user-input`, output: `${p}-user-output`, acceptChains: [`${p}-user-limit-accept`], dropChains: [`${p}-user-limit`],
    inputPolicy, outputPolicy, internalChains: /^ufw6?-(after-|before-)?(logging|user-limit)/,
  });
  const families: FamilyResult[] = [];
  let ipv6 = vars.get("IPV6")?.value !== "no";
  for (const file of files) {
    const name = baseName(file.path);
    if (name === "user.rules" || name === "user6.rules") families.push(evaluateIptables(parseIptablesSave(file), new Map(), opts(name === "user6.rules" ? "ufw6" : "ufw"), findings));
    else if (/^(before|after)6?\.rules$/.test(name)) {
      evaluateIptables(parseIptablesSave(file).filter((t) => t.name !== "filter"), new Map(), opts("ufw"), findings);
      const block = portcullisBlock(file);
      const p = name.startsWith("before6") ? "ufw6" : "ufw";
      if (block) families.push({ ...evaluateIptables(parseIptablesSave(block).filter((t) => t.name === "filter"), new Map(), { ...opts(p), input: `${p}-before-input` }, findings), rules: [], blocked: [], outbound: "allow-all" });
      findings.push({ file: file.path, line: 1, severity: "info", message: `${name} holds UFW's built-in rules (loopback, ICMP, DHCP, conntrack); they are not imported${block ? " (the Portcullis block's per-source limits are)" : ""}. Rules you added there by hand are not carried over: review them.` });
    } else if (/^Status:/m.test(file.text)) {
      const s = readUfwStatus(file, findings);
      families.push({ rules: s.rules, blocked: s.blocked, limits: s.limits, outbound: (s.defaultOut ?? "ALLOW") === "ALLOW" ? "allow-all" : "restricted" });
      ipv6 = s.sawV6;
    } else if (file !== defaults && file !== conf) {
      findings.push({ file: file.path, line: 1, severity: "info", message: `${name} is not a UFW file the import reads; skipped.` });
    }
  }
  const [v4, v6] = [named("user.rules"), named("user6.rules")];
  const lone = v4 && !v6 ? v4 : v6 && !v4 ? v6 : undefined;
  if (lone && ipv6) {
    const [given, missing, other] = lone === v4 ? ["user.rules", "user6.rules", "IPv6"] : ["user6.rules", "user.rules", "IPv4"];
    findings.push({ file: lone.path, line: 0, severity: "warning", message: `${given} was given without ${missing}: a profile filters both families alike, so these rules now apply to ${other} as well. Add ${missing} to carry its own rules over.` });
  }
  if (families.length === 0) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: "Neither user.rules nor `ufw status verbose` output was given: no rules are imported." });
  const outbound = families.some((f) => f.outbound === "restricted") ? "restricted" : "allow-all";
  return {
    ipv6, outbound,
    rules: families.flatMap((f) => f.rules).filter((r) => outbound === "restricted" || r.direction === "inbound"),
    blocked: families.flatMap((f) => f.blocked), rateLimits: families.flatMap((f) => f.limits), findings,
  } satisfies ImportedFirewall;
};
