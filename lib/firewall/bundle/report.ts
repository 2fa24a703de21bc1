/** The warnings report: REPORT.md for reading in a terminal, report.html for a browser. */
import type { RuleSet } from "../policy/resolve";
import type { Backend, SourceList } from "../policy/schema";
import { describeListOrigin, listUses } from "../source-lists/summary";
import { rangeText, safeText } from "../backends/shared/rules";
import type { Limitation } from "../backends/types";

export type ReportWarning = { id: string; severity: "critical" | "warning" | "info"; title: string; explanation: string; remediation: string };

export type ReportInput = {
  ruleSet: RuleSet;
  warnings: ReportWarning[];
  limitations: Partial<Record<Backend, Limitation[]>>;
  generatedAt: string;
  productVersion: string;
  /** The profile's named source lists, so the report can say where their addresses came from. */
  sourceLists?: readonly SourceList[];
};

function sources(s: RuleSet["inbound"][number]["sources"]): string {
  return s === "anyone" ? "anyone" : [...s.v4, ...s.v6].join(", ") || "nobody (no sources given)";
}

function ruleRows(ruleSet: RuleSet): string[][] {
  return [
    ...ruleSet.inbound.map((r) => ["in", r.label, r.protocol, r.ports.map((p) => rangeText(p, "-")).join(","), r.sourceNames?.join(", ") ?? sources(r.sources)]),
    ...ruleSet.localhostOnly.map((l) => ["localhost", l.label, l.protocol, l.ports.map((p) => rangeText(p, "-")).join(","), "loopback only"]),
    ...ruleSet.outbound.map((r) => ["out", r.label, r.protocol, r.ports.map((p) => rangeText(p, "-")).join(","), "any destination"]),
  ];
}

const md = (text: string) => text.replace(/[\\`*_|<>[\]]/g, (c) => `\\${c}`).replace(/\s+/g, " ");

/** The services that use named lists, then each list with its origin; nothing when none is used. */
function namedListsMarkdown(input: ReportInput): string[] {
  const uses = listUses(input.ruleSet);
  if (uses.length === 0) return [];
  return [
    "", "## Named source lists", "",
    ...uses.map((u) => `- ${md(u.service)}: ${md(u.sources)}`),
    "",
    ...(input.sourceLists ?? []).map((l) => `- **${md(l.label)}** (\`${md(l.id)}\`): ${md(describeListOrigin(l))}`),
  ];
}

function namedListsHtml(input: ReportInput): string[] {
  const uses = listUses(input.ruleSet);
  if (uses.length === 0) return [];
  const lists = (input.sourceLists ?? []).map((l) => `<li><strong>${html(l.label)}</strong> (<code>${html(l.id)}</code>): ${html(describeListOrigin(l))}</li>`);
  return ["<h2>Named source lists</h2>", `<ul>${uses.map((u) => `<li>${html(u.service)}: ${html(u.sources)}</li>`).join("")}</ul>`, `<ul>${lists.join("")}</ul>`];
}

export function renderReportMarkdown(input: ReportInput): string {
  const { ruleSet, warnings } = input;
  const lines = [
    `# Firewall report: ${md(ruleSet.server.name)}`,
    "",
    `Generated ${md(input.generatedAt)} by Portcullis ${md(input.productVersion)}. Outbound: ${ruleSet.outboundPolicy}. IPv6: ${ruleSet.ipv6 ? "filtered" : "not filtered"}.`,
    "",
    `## Warnings (${warnings.length})`,
    "",
  ];
  if (warnings.length === 0) lines.push("No findings.", "");
  for (const w of warnings) lines.push(`### ${w.severity.toUpperCase()}: ${md(w.title)}`, "", `Id: \`${md(w.id)}\``, "", md(w.explanation), "", `**Fix:** ${md(w.remediation)}`, "");
  lines.push("## Not enforced, per backend", "");
  for (const [backend, list] of Object.entries(input.limitations)) {
    lines.push(`- **${backend}**: ${list && list.length > 0 ? list.map((l) => md(safeText(l.detail, 300))).join("; ") : "everything in the profile is enforced"}`);
  }
  lines.push("", "## Rules", "", "| Direction | Service | Protocol | Ports | Sources |", "|---|---|---|---|---|");
  for (const row of ruleRows(ruleSet)) lines.push(`| ${row.map(md).join(" | ")} |`);
  lines.push(...namedListsMarkdown(input));
  const blocked = ruleSet.blocked.v4.length + ruleSet.blocked.v6.length;
  lines.push("", `Blocked entries: ${blocked}. Rate limits: ${ruleSet.rateLimits.length}.`, "");
  return lines.join("\n");
}

const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderReportHtml(input: ReportInput): string {
  const { ruleSet, warnings } = input;
  const items = warnings.map((w) => `<section class="${w.severity}"><h3>${w.severity.toUpperCase()}: ${html(w.title)}</h3><p class="id">Id: <code>${html(w.id)}</code></p><p>${html(w.explanation)}</p><p><strong>Fix:</strong> ${html(w.remediation)}</p></section>`);
  const limits = Object.entries(input.limitations).map(([b, list]) => `<li><strong>${html(b)}</strong>: ${list && list.length > 0 ? list.map((l) => html(l.detail)).join("; ") : "everything in the profile is enforced"}</li>`);
  const rows = ruleRows(ruleSet).map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join("")}</tr>`);
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Firewall report: ${html(ruleSet.server.name)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-left:4px solid #999;padding-left:1rem}.critical{border-color:#b91c1c}.warning{border-color:#b45309}.info{border-color:#1d4ed8}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>",
    "</head><body>",
    `<h1>Firewall report: ${html(ruleSet.server.name)}</h1>`,
    `<p>Generated ${html(input.generatedAt)} by Portcullis ${html(input.productVersion)}.</p>`,
    `<h2>Warnings (${warnings.length})</h2>`,
    ...(items.length > 0 ? items : ["<p>No findings.</p>"]),
    "<h2>Not enforced, per backend</h2>",
    `<ul>${limits.join("")}</ul>`,
    "<h2>Rules</h2>",
    "<table><thead><tr><th>Direction</th><th>Service</th><th>Protocol</th><th>Ports</th><th>Sources</th></tr></thead>",
    `<tbody>${rows.join("")}</tbody></table>`,
    ...namedListsHtml(input),
    "</body></html>",
    "",
  ].join("\n");
}
