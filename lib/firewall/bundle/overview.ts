/**
 * The bundle's top-level README.md: which folder to use (the profile's chosen backend), the order
 * of the steps, and what every other file and folder is for. Names come from the backend facts.
 */
import { BACKEND_FACTS } from "../backends/facts";
import { safeText } from "../backends/shared/rules";
import type { Backend } from "../policy/schema";
import type { RuleSet } from "../policy/resolve";

export function renderBundleOverview(ruleSet: RuleSet, chosen: Backend, included: readonly Backend[], withExim: boolean): string {
  const facts = BACKEND_FACTS[chosen];
  const others = included.filter((b) => b !== chosen);
  const confirm = facts.safetyNet === "timed-rollback"
    ? "type `yes` in the first session, or run `sh apply.sh --confirm` from the new one; without it the previous rules come back by themselves"
    : "run `sh apply.sh --confirm` from the new session; until then the firewall's testing mode keeps flushing the rules on a short schedule";
  const lines = [
    `# Portcullis bundle: ${safeText(ruleSet.server.name)}`,
    "",
    `This server's profile uses **${facts.name}**: apply the files in \`${chosen}/\`${included.includes(chosen) ? "" : " (not in this download: download the bundle again with that backend)"}.`,
    "",
    "## Steps",
    "",
    "1. Read `REPORT.md` (or open `report.html`): the open warnings and what each backend cannot enforce.",
    `2. Copy \`${chosen}/\` to the server and, as root, run \`sh apply.sh\` in it while your current SSH session stays open. It checks the files first.`,
    `3. Open a **new** SSH session to the server. If it works, ${confirm}.`,
    `4. Follow \`${chosen}/README.md\` for what keeps the rules across a reboot on this operating system.`,
    `5. Later, to check the server still runs this plan: as root, run \`sh ${chosen}/verify.sh\` (read-only) and upload the \`portcullis-live-<host>-<time>.txt\` it writes on the server's page in Portcullis (Verify), or run \`npm run cli -- verify profile.json portcullis-live-….txt\`.`,
    "",
    "## What else is here",
    "",
    "| Path | What it is |",
    "|---|---|",
    "| `REPORT.md`, `report.html` | The warnings, the rules in plain words, and each backend's limitations |",
    "| `profile.json` | The profile itself: import it into Portcullis (or `npm run cli`) to restore or copy this plan |",
    ...others.map((b) => `| \`${b}/\` | The same plan for ${BACKEND_FACTS[b].name}, should you move this server to it |`),
    ...(withExim ? ["| `exim/reverse-dns-acl.txt` | The Exim ACL for the reverse-DNS check the profile asks for (its header says where it goes) |"] : []),
    "",
    "Use one firewall manager per server: apply only one of these folders.",
    "",
  ];
  return lines.join("\n");
}
