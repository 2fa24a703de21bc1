/**
 * firewalld apply: back up /etc/firewalld, arm a timer that puts the backup back and reloads,
 * drop the XML in, `--check-config`, then `--reload` (docs/backends.md §9.3, file-drop workflow).
 */
import type { RuleSet } from "../../policy/resolve";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";

/** Put the saved copy back in place (contents, so the folder itself, e.g. a mount point, stays). */
const RESTORE = 'find /etc/firewalld -mindepth 1 -delete && cp -a "$STATE/firewalld.previous/." /etc/firewalld/';

export function firewalldApply(ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta): string {
  const copies = files.map((f) => `install -m 0644 "$HERE/${f.path}" "/etc/firewalld/${f.path}"`);
  const dirs = [...new Set(files.map((f) => f.path.split("/")[0]))].map((d) => `mkdir -p /etc/firewalld/${d}`);
  return [
    ...preamble(ruleSet, meta, "firewalld", ["usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm", "Replaces the public and drop zones with the generated ones; everything else in /etc/firewalld stays."]),
    ...confirmArgument(),
    ...refuseOtherManagers("firewalld"),
    'firewall-cmd --state >/dev/null || { echo "firewalld is not running" >&2; exit 1; }',
    '[ "$(firewall-cmd --get-default-zone)" = public ] || { echo "The default zone is not public; these rules are written for public." >&2; exit 1; }',
    'rm -rf "$STATE/firewalld.previous"',
    'cp -a /etc/firewalld "$STATE/firewalld.previous"',
    ...armRollback([RESTORE, "firewall-cmd --reload"]),
    ...dirs,
    ...copies,
    "if ! firewall-cmd --check-config; then",
    '  echo "Configuration check failed: restoring the previous files." >&2',
    `  ${RESTORE}`,
    "  exit 1",
    "fi",
    "firewall-cmd --reload",
    ...noteNeighbours("firewalld"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
