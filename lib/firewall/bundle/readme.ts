/** README.md per backend folder: what each file is, where it goes, and the steps on that OS. */
import { DEFAULT_CONFIRM_SECONDS, FORCE_ENV, FORCE_OPTION } from "../backends/shared/apply-frame";
import { safeText } from "../backends/shared/rules";
import type { BackendModule, Limitation, RuleFile } from "../backends/types";
import type { OsFamily } from "../policy/os";
import type { RuleSet } from "../policy/resolve";

export function renderReadme(tool: BackendModule, family: OsFamily, ruleSet: RuleSet, files: RuleFile[], limitations: Limitation[]): string {
  const backend = tool.id;
  const timed = tool.safetyNet === "timed-rollback";
  const steps = [
    `Copy this folder to the server, e.g. \`scp -r ${backend} root@${safeText(ruleSet.server.hostname || "server", 253)}:/root/portcullis-${backend}\`.`,
    "Keep your current SSH session open for the whole procedure.",
    timed
      ? `Run \`sh apply.sh\` as root (or \`sh apply.sh 120\` for a longer window; default ${DEFAULT_CONFIRM_SECONDS} seconds). It checks the syntax first, saves the current rules and arms an automatic rollback.`
      : "Run `sh apply.sh` as root. It checks the files first and applies them in testing mode, which flushes the firewall on a short schedule.",
    timed
      ? "Open a **new** SSH session. If it works, type `yes` in the first session or run `sh apply.sh --confirm` in the new one. Without confirmation the previous rules come back by themselves; a confirmation that arrives after that says the rules were rolled back and fails, so run `sh apply.sh` again."
      : "Open a **new** SSH session. If it works, run `sh apply.sh --confirm` there: it turns testing mode off.",
    ...tool.bootSteps(family),
  ];
  const lines = [
    `# ${tool.name}: rules for ${safeText(ruleSet.server.name)}`,
    "",
    "## Files",
    "",
    "| File | Goes to | What |",
    "|---|---|---|",
    ...files.map((f) => `| \`${f.path}\` | \`${f.installPath}\` | ${safeText(f.description, 200)} |`),
    "| `apply.sh` | run from this folder | Checks, applies, arms the confirm-or-revert safety net |",
    "| `verify.sh` | run from this folder, any time later | Read-only: writes `portcullis-live-<host>-<UTC time>.txt` (live rules, boot configuration, other managers, pending apply) to compare with the revision in Portcullis |",
    "",
    "## Apply step by step",
    "",
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    "",
    "Use exactly one firewall manager per server. `apply.sh` refuses, before changing anything, when another one is active (firewalld running, CSF or APF installed, UFW active); " +
      `\`sh apply.sh ${FORCE_OPTION}\` (or \`${FORCE_ENV}=1\`) overrides that if you are sure. It names Docker's and fail2ban's chains and tables when it sees them.`,
    "",
    "## What apply.sh replaces, and where the copy is",
    "",
    `Copies go to the state folder \`/var/lib/portcullis/${backend}\` (or \`PORTCULLIS_STATE_DIR\`), before anything changes.${timed ? " Unconfirmed, the rollback puts them back." : ""}`,
    "",
    "| Replaced | Copy in the state folder |",
    "|---|---|",
    ...tool.replaces.map((r) => `| ${r.what} | ${r.backup} |`),
    "",
  ];
  if (limitations.length > 0) {
    lines.push("## Not enforced by this backend", "", ...limitations.map((l) => `- ${safeText(l.detail, 300)}`), "");
  }
  return lines.join("\n");
}
