/**
 * ufw apply: dry-run every command, back up /etc/ufw and /etc/default/ufw, arm a timer that puts
 * them back (and reloads or disables), then reset + commands, the before.rules blocks, enable.
 */
import type { RuleSet } from "../../policy/resolve";
import { UFW_INSERT_AWK } from "./render";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";

/** The saved /etc/ufw and /etc/default/ufw back in place (ufw.conf in it says whether ufw starts at boot). */
const RESTORE_FILES = 'find /etc/ufw -mindepth 1 -delete; cp -a "$STATE/ufw.previous/ufw/." /etc/ufw/; cat "$STATE/ufw.previous/default-ufw" > /etc/default/ufw';

export function ufwApply(ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta): string {
  const insert = ["before.rules", "before6.rules"].map((name) => {
    const block = files.some((f) => f.path === `${name}.portcullis`) ? `"$HERE/${name}.portcullis"` : '""';
    return `awk -v block=${block} "$INSERT_AWK" /etc/ufw/${name} > "$STATE/${name}.new" && cat "$STATE/${name}.new" > /etc/ufw/${name}`;
  });
  return [
    ...preamble(ruleSet, meta, "ufw", ["usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm", "Rebuilds all ufw rules (ufw reset keeps *.rules.<date> backups)."]),
    ...confirmArgument(),
    ...refuseOtherManagers("ufw"),
    "INSERT_AWK=$(cat <<'AWK'",
    UFW_INSERT_AWK,
    "AWK",
    ")",
    "# Syntax first: every command except the reset, with --dry-run.",
    `grep -v "'reset'" "$HERE/portcullis-ufw.sh" | UFW="ufw --dry-run" sh >/dev/null`,
    'if ufw status | grep -q "Status: active"; then WAS=reload; else WAS=disable; fi',
    'rm -rf "$STATE/ufw.previous"; mkdir -p "$STATE/ufw.previous"',
    'cp -a /etc/ufw "$STATE/ufw.previous/ufw"; cp -a /etc/default/ufw "$STATE/ufw.previous/default-ufw"',
    'echo "$WAS" > "$STATE/ufw.previous/was"',
    ...armRollback([RESTORE_FILES, 'if [ "$(cat "$STATE/ufw.previous/was")" = reload ]; then ufw --force disable; ufw --force enable; else ufw --force disable; fi'], {
      services: ["ufw.service"],
      restoreFiles: [RESTORE_FILES],
    }),
    `sed -i 's/^IPV6=.*/IPV6=${ruleSet.ipv6 ? "yes" : "no"}/' /etc/default/ufw`,
    'sh "$HERE/portcullis-ufw.sh"',
    ...insert,
    "ufw --force enable",
    ...noteNeighbours("ufw"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
