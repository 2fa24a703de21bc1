/**
 * UFW: a script of `ufw` commands (every argument single-quoted) that rebuilds the rule list from
 * a reset, plus before.rules / before6.rules blocks for what the CLI cannot say: per-source
 * token-bucket rates and concurrency caps (`ufw limit` is fixed at 6 per 30 s). docs/backends.md §4.
 */
import type { RuleSet } from "../../policy/resolve";
import { chunkedLines, commentBlock, commentText, groupRules, headerLines, localOnlyPorts, multiportChunks, rangeText } from "../shared/rules";
import { ACTIVE_FTP_LABEL, FTP_DATA_PORT, needsActiveFtp } from "../shared/active-ftp";
import { limitRules, type IpFamily } from "../shared/iptables-lines";
import type { Limitation, RenderMeta, Renderer, RuleFile } from "../types";

export const UFW_BEGIN = "# BEGIN PORTCULLIS";
export const UFW_END = "# END PORTCULLIS";
/** Above this many blocked entries, one ufw rule each is slow to apply and to match. */
const LARGE_BLOCKLIST = 1000;

/** A ufw rule comment: the label alphabet but `'`, which ufw refuses in a comment (`; &` are inert inside the quotes). */
function ufwComment(text: string): string {
  return commentText(text).replace(/'/g, "_");
}

/** Single-quote one argument. The safe sets never contain `'`; refuse rather than mis-quote. */
function q(arg: string): string {
  if (arg.includes("'")) throw new Error("ufw arguments never contain a single quote");
  return `'${arg}'`;
}

function cmd(...args: string[]): string {
  return `$UFW ${args.map(q).join(" ")}`;
}

function families(ruleSet: RuleSet): IpFamily[] {
  return ruleSet.ipv6 ? ["v4", "v6"] : ["v4"];
}

function portLists(ports: { from: number; to: number }[]): string[] {
  return multiportChunks(ports).map((c) => c.map((r) => rangeText(r, ":")).join(","));
}

export function ufwLimitations(ruleSet: RuleSet): Limitation[] {
  const out: Limitation[] = [];
  if (!ruleSet.ipv6) out.push({ backend: "ufw", id: "ipv6-off-drops-all", detail: "IPv6 is off in the profile: ufw with IPV6=no drops all IPv6 traffic instead of leaving it unfiltered" });
  const total = ruleSet.blocked.v4.length + (ruleSet.ipv6 ? ruleSet.blocked.v6.length : 0);
  if (total > LARGE_BLOCKLIST) out.push({ backend: "ufw", id: "large-blocklist", detail: `${total} blocked entries become one ufw rule each (no ipset support): slow to apply and checked one by one per packet` });
  return out;
}

/** Two commands per blocked entry (deny in, reject out); a long list comes as chunks (chunkedLines). */
function blockedCommands(addresses: readonly string[]): string[] {
  return chunkedLines(addresses, (a) => `${cmd("prepend", "deny", "from", a, "comment", "Portcullis blocked")}\n${cmd("prepend", "reject", "out", "to", a, "comment", "Portcullis blocked")}`);
}

function commands(ruleSet: RuleSet): string[] {
  const out: string[] = [cmd("--force", "reset"), cmd("default", "deny", "incoming")];
  out.push(cmd("default", ruleSet.outboundPolicy === "restricted" ? "deny" : "allow", "outgoing"));
  out.push("", "# Blocked addresses first (prepend: first match wins, for IPv4 and IPv6)");
  for (const f of families(ruleSet)) out.push(...blockedCommands(ruleSet.blocked[f]));
  const local = localOnlyPorts(ruleSet);
  if (local.length > 0) out.push("", "# Localhost-only services: refused from outside (loopback is accepted by before.rules)");
  for (const l of local) for (const ports of portLists(l.ports)) out.push(cmd("reject", "proto", l.protocol, "to", "any", "port", ports, "comment", ufwComment(`Localhost only: ${l.labels.join(", ")}`)));
  out.push("", "# Inbound");
  for (const g of groupRules(ruleSet.inbound)) {
    const label = ufwComment(g.labels.join(", "));
    for (const ports of portLists(g.ports)) {
      if (g.sources === "anyone") {
        out.push(cmd("allow", "proto", g.protocol, "to", "any", "port", ports, "comment", label));
        continue;
      }
      const sources = families(ruleSet).flatMap((f) => (g.sources === "anyone" ? [] : g.sources[f]));
      if (sources.length === 0) out.push(`# ${label}: restricted, but no sources are given, so closed`);
      for (const s of sources) out.push(cmd("allow", "proto", g.protocol, "from", s, "to", "any", "port", ports, "comment", label));
    }
  }
  if (ruleSet.outboundPolicy === "restricted") {
    out.push("", "# Outbound (everything else is denied)");
    for (const g of groupRules(ruleSet.outbound)) {
      for (const ports of portLists(g.ports)) out.push(cmd("allow", "out", "proto", g.protocol, "to", "any", "port", ports, "comment", ufwComment(g.labels.join(", "))));
    }
    if (needsActiveFtp(ruleSet)) out.push(cmd("allow", "out", "proto", "tcp", "from", "any", "port", String(FTP_DATA_PORT), "comment", ufwComment(ACTIVE_FTP_LABEL)));
  }
  return out;
}

/** The rule block apply.sh places before COMMIT in before.rules (v4) or before6.rules (v6). */
export function renderUfwBeforeRules(ruleSet: RuleSet, family: IpFamily, meta: RenderMeta): string | null {
  const rules = ruleSet.rateLimits.flatMap((rl, i) => limitRules(rl, i + 1, family, family === "v4" ? "ufw-before-input" : "ufw6-before-input", "pcufw"));
  if (rules.length === 0) return null;
  return [UFW_BEGIN, commentBlock(headerLines(ruleSet, meta, `ufw ${family === "v4" ? "before.rules" : "before6.rules"} block (per-source limits)`, [])), ...rules, UFW_END, ""].join("\n");
}

export function renderUfwScript(ruleSet: RuleSet, meta: RenderMeta): string {
  return [
    "#!/bin/sh",
    commentBlock(headerLines(ruleSet, meta, "ufw command script", ufwLimitations(ruleSet))),
    "# Rebuilds every ufw rule from a reset (ufw keeps backups as *.rules.<date>).",
    "# Run it through apply.sh: it arms the rollback, runs this, installs the before.rules blocks",
    "# (after the reset, which restores stock before.rules) and only then enables ufw.",
    "# UFW may carry extra options, e.g. UFW='ufw --dry-run'.",
    "set -eu",
    'UFW=${UFW:-ufw}',
    ...commands(ruleSet),
    "",
  ].join("\n");
}

export const ufwRenderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
    const files: RuleFile[] = [
      { path: "portcullis-ufw.sh", installPath: "/etc/ufw/portcullis-ufw.sh", content: renderUfwScript(ruleSet, meta), mode: 0o755, description: "ufw commands that rebuild the rule list" },
    ];
    for (const f of families(ruleSet)) {
      const block = renderUfwBeforeRules(ruleSet, f, meta);
      const name = f === "v4" ? "before.rules" : "before6.rules";
      if (block) files.push({ path: `${name}.portcullis`, installPath: `/etc/ufw/${name}`, content: block, mode: 0o644, description: `Per-source limits, inserted before COMMIT in /etc/ufw/${name}` });
    }
    return files;
  },
  limitations: ufwLimitations,
} satisfies Renderer;

/**
 * awk program for apply.sh: copies before.rules, drops an earlier Portcullis block, and inserts
 * the file named by `-v block=FILE` (if any) before the first COMMIT of the *filter table.
 */
export const UFW_INSERT_AWK = [
  `/^${UFW_BEGIN}/ { skip = 1 }`,
  `skip && /^${UFW_END}/ { skip = 0; next }`,
  "skip { next }",
  "/^\\*filter/ { infilter = 1 }",
  'infilter && /^COMMIT/ && !done { if (block != "") while ((getline line < block) > 0) print line; done = 1; infilter = 0 }',
  "{ print }",
].join("\n");
