/**
 * CSF apply: lint the profile, back up csf.conf as a CSF profile, apply ours (TESTING = "1":
 * csf flushes itself on a cron schedule until confirmed), install the allow/deny includes, restart.
 * `--confirm` sets TESTING = "0". There is no timed rollback; `csf --profile restore` reverts.
 */
import type { RuleSet } from "../../policy/resolve";
import type { RenderMeta, RuleFile } from "../types";
import { preamble, testingModeConfirm } from "../shared/apply-frame";

const include = (list: string) =>
  `grep -qx 'Include /etc/csf/portcullis.${list}' /etc/csf/csf.${list} || echo 'Include /etc/csf/portcullis.${list}' >> /etc/csf/csf.${list}`;

export function csfApply(ruleSet: RuleSet, _files: RuleFile[], meta: RenderMeta): string {
  return [
    ...preamble(ruleSet, meta, "csf", ["usage: sh apply.sh   then, from a NEW ssh session: sh apply.sh --confirm", "Safety net: TESTING = 1 (csf flushes its rules every TESTING_INTERVAL minutes) until confirmed."]),
    ...testingModeConfirm('s/^TESTING = .*/TESTING = "0"/', "/etc/csf/csf.conf", "csf -ra", "TESTING is off: the rules stay and lfd runs."),
    "command -v csf >/dev/null || { echo \"csf is not installed\" >&2; exit 1; }",
    "if systemctl is-active --quiet firewalld 2>/dev/null; then echo \"firewalld is running: csf refuses to start next to it\" >&2; exit 1; fi",
    "# Lint: only NAME = \"value\" lines, each name once.",
    `if grep -v '^#' "$HERE/portcullis.conf" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+ = "[^"]*"$'; then echo "portcullis.conf has an invalid line" >&2; exit 1; fi`,
    `if grep -v '^#' "$HERE/portcullis.conf" | cut -d' ' -f1 | sort | uniq -d | grep -q .; then echo "portcullis.conf repeats a setting" >&2; exit 1; fi`,
    "csf --profile backup portcullis_previous",
    "install -m 0600 \"$HERE/portcullis.conf\" /usr/local/csf/profiles/portcullis.conf",
    "install -m 0600 \"$HERE/portcullis.allow\" /etc/csf/portcullis.allow",
    "install -m 0600 \"$HERE/portcullis.deny\" /etc/csf/portcullis.deny",
    include("allow"),
    include("deny"),
    "csf --profile apply portcullis",
    "csf -ra",
    'echo "Applied with TESTING = 1: csf flushes its rules every TESTING_INTERVAL minutes, so a mistake cannot lock you out for long."',
    'echo "From a NEW ssh session, confirm with: sh $HERE/apply.sh --confirm (sets TESTING = 0 and restarts csf)."',
    'echo "To undo: csf --profile list, then csf --profile restore <the portcullis_previous backup>, then csf -ra."',
    "",
  ].join("\n");
}
