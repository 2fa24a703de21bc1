/**
 * CSF apply (docs/backends.md §5.4, §9.5): lint the profile, save csf.conf, csf.allow, csf.deny and
 * our include files, arm the shared confirm-or-revert timer (it puts them back and runs `csf -r`),
 * apply ours with TESTING = "1" (csf's own flush cron stays as a second net), restart. Confirming
 * sets TESTING = "0" and restarts csf and lfd.
 */
import type { RuleSet } from "../../policy/resolve";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";

const include = (list: string) =>
  `grep -qx 'Include /etc/csf/portcullis.${list}' /etc/csf/csf.${list} || echo 'Include /etc/csf/portcullis.${list}' >> /etc/csf/csf.${list}`;

/** The files apply.sh replaces or edits, saved to $STATE/csf.previous/ (`-` marks one that did not exist). */
export const CSF_SAVED = ["/etc/csf/csf.conf", "/etc/csf/csf.allow", "/etc/csf/csf.deny", "/etc/csf/portcullis.allow", "/etc/csf/portcullis.deny"];

export function csfApply(ruleSet: RuleSet, _files: RuleFile[], meta: RenderMeta): string {
  const saved = CSF_SAVED.map((f) => `if [ -e ${f} ]; then cp -a ${f} "$STATE/csf.previous/"; else touch "$STATE/csf.previous/${f.split("/").pop()}-"; fi`);
  const restore = CSF_SAVED.map((f) => `if [ -e "$STATE/csf.previous/${f.split("/").pop()}-" ]; then rm -f ${f}; else cat "$STATE/csf.previous/${f.split("/").pop()}" > ${f}; fi`);
  return [
    ...preamble(ruleSet, meta, "csf", [
      "usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm",
      "Unconfirmed, the previous csf.conf, csf.allow and csf.deny come back and csf restarts; TESTING = 1 until confirmed.",
    ]),
    ...confirmArgument(["sed -i 's/^TESTING = .*/TESTING = \"0\"/' /etc/csf/csf.conf", "csf -ra", 'echo "TESTING is off: csf and lfd run."']),
    "command -v csf >/dev/null || { echo \"csf is not installed\" >&2; exit 1; }",
    ...refuseOtherManagers("csf"),
    "# Lint: only NAME = \"value\" lines, each name once.",
    `if grep -v '^#' "$HERE/portcullis.conf" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+ = "[^"]*"$'; then echo "portcullis.conf has an invalid line" >&2; exit 1; fi`,
    `if grep -v '^#' "$HERE/portcullis.conf" | cut -d' ' -f1 | sort | uniq -d | grep -q .; then echo "portcullis.conf repeats a setting" >&2; exit 1; fi`,
    'rm -rf "$STATE/csf.previous"; mkdir -p "$STATE/csf.previous"',
    ...saved,
    "csf --profile backup portcullis_previous",
    ...armRollback([...restore, "csf -r"], { services: ["csf.service", "lfd.service"], restoreFiles: restore }),
    "install -m 0600 \"$HERE/portcullis.conf\" /usr/local/csf/profiles/portcullis.conf",
    "install -m 0600 \"$HERE/portcullis.allow\" /etc/csf/portcullis.allow",
    "install -m 0600 \"$HERE/portcullis.deny\" /etc/csf/portcullis.deny",
    include("allow"),
    include("deny"),
    "csf --profile apply portcullis",
    "csf -ra",
    ...noteNeighbours("csf"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
