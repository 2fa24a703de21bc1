import { assessPolicy, hasCritical, SEVERITIES, type Warning } from "@/lib/firewall/warnings";
import { parseCommandArgs, usageError } from "../args";
import { loadProfileFile } from "../load-profile";
import { EXIT_FINDINGS, EXIT_OK, type Command } from "../types";

const USAGE = "assess <PROFILE.json|-> [--json]";

const LABEL = { critical: "CRITICAL", warning: "WARNING", info: "INFO" } as const;

function summary(warnings: readonly Warning[]): Record<Warning["severity"], number> {
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const w of warnings) counts[w.severity] += 1;
  return counts;
}

function formatWarning(w: Warning): string {
  return [`${LABEL[w.severity]}  ${w.title}  [${w.id}]`, `  ${w.explanation}`, `  Fix: ${w.remediation}`].join("\n");
}

export const assessCommand: Command = {
  name: "assess",
  summary: "Check a profile and print its warnings (exit 1 if any is critical)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, USAGE, io);
    if (positionals.length !== 1) usageError(io, "Give exactly one profile file.", USAGE);
    const doc = await loadProfileFile(positionals[0]!, io);
    const warnings = assessPolicy(doc);
    const counts = summary(warnings);
    if (values.json) {
      io.out(JSON.stringify({ profile: doc.server.name, summary: counts, warnings }, null, 2));
    } else {
      const totals = SEVERITIES.map((s) => `${counts[s]} ${s}${s === "warning" && counts[s] !== 1 ? "s" : ""}`).join(", ");
      const body = warnings.length === 0 ? "No findings." : warnings.map(formatWarning).join("\n\n");
      io.out(`${doc.server.name}: ${totals}\n\n${body}`);
    }
    return hasCritical(warnings) ? EXIT_FINDINGS : EXIT_OK;
  },
};
