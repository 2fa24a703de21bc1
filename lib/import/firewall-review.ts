import "server-only";
/** What the review step sends to the browser: summaries and capped lists, never the whole profile. */
import type { Limitation } from "@/lib/firewall/backends";
import { backendLabel } from "@/lib/firewall/backends/facts";
import type { Finding } from "@/lib/firewall/import";
import { compareMoveOffCsf } from "@/lib/firewall/import/move-off-csf";
import { summarizeProfile, type ProfileSummary } from "@/lib/firewall/import/summary";
import type { Comparison } from "@/lib/firewall/import/view";
import { osLabel, panelLabel } from "@/lib/firewall/policy/os";
import { assessPolicy } from "@/lib/firewall/warnings";
import type { Warning } from "@/lib/firewall/warnings/types";
import type { PreparedImport } from "./firewall-upload";

export const MAX_LISTED = 1000;

export type ImportReview = {
  digest: string;
  kindLabel: string;
  server: { name: string; os: string; panel: string };
  targetLabel: string;
  files: string[];
  skipped: string[];
  summary: ProfileSummary;
  findings: Finding[];
  findingCount: number;
  warnings: Warning[];
  /** Only for CSF: what CSF did beside what the new rules will do. */
  moveOff: { comparison: Comparison; sourceRowCount: number; limitations: Limitation[] } | null;
};

export function reviewOf(p: PreparedImport): ImportReview {
  const { server, policy } = p.document;
  const moveOff = p.input.kind === "csf" ? compareMoveOffCsf(p.files, p.document) : null;
  return {
    digest: p.digest,
    kindLabel: backendLabel(p.input.kind),
    server: { name: server.name, os: osLabel(server.os), panel: panelLabel(server.panel) },
    targetLabel: backendLabel(policy.backend),
    files: p.files.slice(0, MAX_LISTED).map((f) => f.path),
    skipped: p.skipped.slice(0, MAX_LISTED),
    summary: summarizeProfile(p.document),
    findings: p.findings.slice(0, MAX_LISTED),
    findingCount: p.findings.length,
    warnings: assessPolicy(p.document),
    moveOff: moveOff && {
      comparison: { ...moveOff.comparison, sources: moveOff.comparison.sources.slice(0, MAX_LISTED) },
      sourceRowCount: moveOff.comparison.sources.length,
      limitations: moveOff.limitations,
    },
  };
}
