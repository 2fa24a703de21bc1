/**
 * The shell frame every apply.sh shares: argument parsing, a confirm-or-revert timer that
 * survives the SSH session ending (setsid), and confirmation either by typing yes or by running
 * `apply.sh --confirm` from a new connection, which proves new connections still get in.
 * The scripts are fixed templates: no profile text is interpolated except the safe header.
 */
import { commentBlock, headerLines } from "./rules";
import type { RuleSet } from "../../policy/resolve";
import type { RenderMeta } from "../types";

export const DEFAULT_CONFIRM_SECONDS = 90;

export function preamble(ruleSet: RuleSet, meta: RenderMeta, backend: string, usage: string[]): string[] {
  return [
    "#!/bin/sh",
    commentBlock(headerLines(ruleSet, meta, `apply script (${backend})`, [])),
    "#",
    ...usage.map((u) => `# ${u}`),
    "set -eu",
    'HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)',
    `STATE=\${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/${backend}}`,
    "",
  ];
}

/** `--confirm` handling and the seconds argument (default 90, or PORTCULLIS_CONFIRM_SECONDS). */
export function confirmArgument(): string[] {
  return [
    'if [ "${1:-}" = "--confirm" ]; then',
    '  [ -f "$STATE/pending" ] || { echo "Nothing is waiting for confirmation." >&2; exit 1; }',
    '  touch "$STATE/confirmed-$(cat "$STATE/pending")"',
    '  rm -f "$STATE/pending"',
    '  echo "Confirmed: the new rules stay."',
    "  exit 0",
    "fi",
    `T=\${1:-\${PORTCULLIS_CONFIRM_SECONDS:-${DEFAULT_CONFIRM_SECONDS}}}`,
    'case "$T" in',
    "  ''|*[!0-9]*) echo \"usage: sh apply.sh [SECONDS] | sh apply.sh --confirm\" >&2; exit 2 ;;",
    "esac",
    "umask 077",
    'mkdir -p "$STATE"',
    "",
  ];
}

/**
 * Write rollback.sh (restore commands run with STATE=$2 unless confirmed-$3 exists after $1
 * seconds) and start it detached, before anything changes.
 */
export function armRollback(restore: string[]): string[] {
  return [
    "# Arm the rollback before changing anything; it survives the SSH session ending.",
    'TOKEN="$(date +%s).$$"',
    'echo "$TOKEN" > "$STATE/pending"',
    "cat > \"$STATE/rollback.sh\" <<'ROLLBACK'",
    'sleep "$1"',
    "STATE=$2",
    '[ -e "$STATE/confirmed-$3" ] && exit 0',
    ...restore,
    'rm -f "$STATE/pending"',
    'logger -t portcullis "not confirmed: previous firewall rules restored" 2>/dev/null || true',
    "ROLLBACK",
    'setsid sh "$STATE/rollback.sh" "$T" "$STATE" "$TOKEN" </dev/null >/dev/null 2>&1 &',
    "",
  ];
}

export function confirmPrompt(): string[] {
  return [
    'echo "Applied. Open a NEW ssh session to this server now."',
    'echo "If it works, type yes here within ${T} seconds, or run from that session: sh $HERE/apply.sh --confirm"',
    'echo "Without confirmation the previous rules come back after ${T} seconds."',
    'if read -r answer && [ "$answer" = yes ]; then',
    '  touch "$STATE/confirmed-$TOKEN"',
    '  rm -f "$STATE/pending"',
    '  echo "Confirmed: the new rules stay."',
    "else",
    '  echo "Not confirmed here: run sh $HERE/apply.sh --confirm from a new session within ${T} seconds."',
    "fi",
  ];
}

/** `--confirm` for the backends whose safety net is a testing mode (CSF TESTING, APF DEVEL_MODE). */
export function testingModeConfirm(sed: string, file: string, restart: string, done: string): string[] {
  return ['if [ "${1:-}" = "--confirm" ]; then', `  sed -i '${sed}' ${file}`, `  ${restart}`, `  echo "${done}"`, "  exit 0", "fi"];
}
