/**
 * APF apply: values are checked to be [0-9,_:] only (conf.apf is sourced by bash), set in place
 * with DEVEL_MODE="1" (apf flushes itself every 5 minutes until confirmed), trust files copied,
 * `apf -r`. `--confirm` sets DEVEL_MODE="0". The previous files are kept for a manual revert.
 */
import type { RuleSet } from "../../policy/resolve";
import { APF_FTP_RULES, apfSettings } from "./render";
import type { RenderMeta, RuleFile } from "../types";
import { FORCE_ENV, FORCE_OPTION, preamble, testingModeConfirm } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";

export function apfApply(ruleSet: RuleSet, _files: RuleFile[], meta: RenderMeta): string {
  const sets = apfSettings(ruleSet).map(
    ([k, v]) => `if grep -q '^${k}=' /etc/apf/conf.apf; then sed -i 's/^${k}=.*/${k}="${v}"/' /etc/apf/conf.apf; else echo "conf.apf has no ${k} (older APF?): not set" >&2; fi`,
  );
  return [
    ...preamble(ruleSet, meta, "apf", ["usage: sh apply.sh   then, from a NEW ssh session: sh apply.sh --confirm", "Safety net: DEVEL_MODE=1 (apf flushes its rules every 5 minutes) until confirmed."]),
    ...testingModeConfirm('s/^DEVEL_MODE=.*/DEVEL_MODE="0"/', "/etc/apf/conf.apf", "apf -r", "DEVEL_MODE is off: the rules stay."),
    `FORCE=\${${FORCE_ENV}:-0}`,
    `case " $* " in *" ${FORCE_OPTION} "*) FORCE=1 ;; esac`,
    ...refuseOtherManagers("apf"),
    "[ -f /etc/apf/conf.apf ] || { echo \"APF is not installed (/etc/apf/conf.apf missing)\" >&2; exit 1; }",
    `if grep -v '^#' "$HERE/conf.apf.portcullis" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+="[0-9_,:]*"$'; then echo "conf.apf.portcullis has an unsafe line" >&2; exit 1; fi`,
    'mkdir -p "$STATE"',
    'cp -a /etc/apf/conf.apf /etc/apf/allow_hosts.rules /etc/apf/deny_hosts.rules "$STATE/"',
    ...sets,
    'install -m 0600 "$HERE/allow_hosts.rules" /etc/apf/allow_hosts.rules',
    'install -m 0600 "$HERE/deny_hosts.rules" /etc/apf/deny_hosts.rules',
    "# Active-mode FTP (docs/backends.md §10.3): the helper file is sourced from preroute.rules; without it, the include goes.",
    `cp -a /etc/apf/preroute.rules "$STATE/"; sed -i '\\|^\\. ${APF_FTP_RULES}$|d' /etc/apf/preroute.rules; rm -f ${APF_FTP_RULES}`,
    `if [ -f "$HERE/portcullis-ftp.rules" ]; then install -m 0600 "$HERE/portcullis-ftp.rules" ${APF_FTP_RULES}; echo ". ${APF_FTP_RULES}" >> /etc/apf/preroute.rules; fi`,
    "if apf --help 2>&1 | grep -q -- --validate; then apf --validate; fi",
    "apf -r",
    ...noteNeighbours("apf"),
    'echo "Applied with DEVEL_MODE=1: apf flushes its rules every 5 minutes, so a mistake cannot lock you out for long."',
    'echo "From a NEW ssh session, confirm with: sh $HERE/apply.sh --confirm. To undo, copy back the files in $STATE and run apf -r."',
    "",
  ].join("\n");
}
