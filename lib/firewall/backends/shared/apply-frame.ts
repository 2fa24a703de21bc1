/**
 * The shell frame every timed apply.sh shares (docs/backends.md §9): argument parsing, a
 * confirm-or-revert timer that survives the SSH session ending (setsid), and confirmation either
 * by typing yes or by running `apply.sh --confirm` from a new connection, which proves new
 * connections still get in. The timer and every confirmation race for one atomic step, creating
 * the symlink `decision-<token>` (`ln -s` fails when it exists): whoever creates it decides, and a
 * loser reports what the winner decided, so a late `yes` says the rules were rolled back.
 * The scripts are fixed templates: no profile text is interpolated except the safe header.
 */
import { commentBlock, headerLines } from "./rules";
import { GUARD_UNIT_DIR, GUARD_WANTS_DIR, guardUnit } from "./boot-guard";
import type { RuleSet } from "../../policy/resolve";
import type { RenderMeta } from "../types";

export const DEFAULT_CONFIRM_SECONDS = 90;
export const FORCE_OPTION = "--force-with-other-manager";
export const FORCE_ENV = "PORTCULLIS_FORCE_OTHER_MANAGER";

export function preamble(ruleSet: RuleSet, meta: RenderMeta, backend: string, usage: string[]): string[] {
  return [
    "#!/bin/sh",
    commentBlock(headerLines(ruleSet, meta, `apply script (${backend})`, [])),
    "#",
    ...usage.map((u) => `# ${u}`),
    "set -eu",
    'HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)',
    `STATE=\${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/${backend}}`,
    `GUARD=${guardUnit(backend)}`,
    "",
  ];
}

const REMOVE_GUARD = `if [ -n "$GUARD" ]; then rm -f "${GUARD_UNIT_DIR}/$GUARD" "${GUARD_WANTS_DIR}/$GUARD" "$STATE/boot-guard.sh"; fi`;

/**
 * For backends whose new configuration is also what boots (UFW, firewalld, CSF, APF): which
 * services load it at boot, and the lines that put the saved files back without any running
 * daemon (the rollback's file half). apply.sh installs a oneshot unit ordered before those
 * services; if the server boots while the apply is still unconfirmed, the unit takes the
 * rollback's decision, restores the files, and the firewall then starts with the previous rules.
 */
export type BootGuard = { services: string[]; restoreFiles: string[] };

function bootGuardLines(guard: BootGuard): string[] {
  const unit = [
    "[Unit]",
    "Description=Portcullis: restore the previous firewall files after a reboot during an unconfirmed apply",
    "DefaultDependencies=no",
    "After=local-fs.target",
    `Before=network-pre.target ${guard.services.join(" ")}`,
    "",
    "[Service]",
    "Type=oneshot",
    'ExecStart=/bin/sh "$STATE/boot-guard.sh" "$STATE" "$GUARD"',
    "",
    "[Install]",
    "WantedBy=sysinit.target",
  ];
  return [
    "# A reboot before the decision must not boot unconfirmed files: a boot guard rolls them back first.",
    "cat > \"$STATE/boot-guard.sh\" <<'GUARD_SCRIPT'",
    "STATE=$1",
    "GUARD=$2",
    'tok=$(cat "$STATE/pending" 2>/dev/null || true)',
    'if [ -n "$tok" ] && ln -s rolled-back "$STATE/decision-$tok" 2>/dev/null; then',
    ...guard.restoreFiles.map((l) => `  ${l}`),
    '  rm -f "$STATE/pending"',
    '  touch "$STATE/done-$tok"',
    '  logger -t portcullis "rebooted before the apply was confirmed: previous firewall files restored" 2>/dev/null || true',
    "fi",
    REMOVE_GUARD,
    "GUARD_SCRIPT",
    `if [ -d ${GUARD_UNIT_DIR} ]; then`,
    `  mkdir -p ${GUARD_WANTS_DIR}`,
    `  cat > "${GUARD_UNIT_DIR}/$GUARD" <<GUARD_UNIT`,
    ...unit,
    "GUARD_UNIT",
    `  chmod 0644 "${GUARD_UNIT_DIR}/$GUARD"`,
    `  ln -sf "${GUARD_UNIT_DIR}/$GUARD" "${GUARD_WANTS_DIR}/$GUARD"`,
    "else",
    '  echo "No systemd here: if the server reboots before you confirm, it boots the new rules." >&2',
    "fi",
  ];
}

const USAGE = `usage: sh apply.sh [SECONDS] [${FORCE_OPTION}] | sh apply.sh --confirm`;

/**
 * Arguments ([SECONDS], `--confirm`, the override), `decide` and the `--confirm` branch.
 * `onConfirmed` runs once, by the winner of a confirmation (CSF turns TESTING off there).
 */
export function confirmArgument(onConfirmed: string[] = []): string[] {
  return [
    `T=\${PORTCULLIS_CONFIRM_SECONDS:-${DEFAULT_CONFIRM_SECONDS}}`,
    `FORCE=\${${FORCE_ENV}:-0}`,
    "MODE=apply",
    'for a in "$@"; do',
    '  case "$a" in',
    "    --confirm) MODE=confirm ;;",
    `    ${FORCE_OPTION}) FORCE=1 ;;`,
    `    ''|*[!0-9]*) echo "${USAGE}" >&2; exit 2 ;;`,
    '    *) T=$a ;;',
    "  esac",
    "done",
    `on_confirmed() { ${onConfirmed.length > 0 ? onConfirmed.join("; ") : ":"}; }`,
    "# decide TOKEN: confirm, unless the rollback timer has already decided (then say so and fail).",
    "decide() {",
    '  if ln -s confirmed "$STATE/decision-$1" 2>/dev/null; then',
    '    rm -f "$STATE/pending"',
    `    ${REMOVE_GUARD}`,
    "    on_confirmed",
    '    echo "Confirmed: the new rules stay."',
    "    return 0",
    "  fi",
    '  if [ "$(readlink "$STATE/decision-$1")" = confirmed ]; then echo "Already confirmed: the new rules stay."; return 0; fi',
    "  n=0",
    '  while [ ! -e "$STATE/done-$1" ] && [ "$n" -lt 300 ]; do sleep 1; n=$((n + 1)); done',
    '  echo "Too late: the confirmation window had ended and the rules were rolled back (the previous rules are active again). Nothing was confirmed; run sh $HERE/apply.sh again to retry." >&2',
    "  return 1",
    "}",
    "# pending holds the token while a rollback is pending; timer-<token> the timer's process id.",
    'pending_token() { tok=$(cat "$STATE/pending" 2>/dev/null) && [ -n "$tok" ] && { [ -e "$STATE/decision-$tok" ] || kill -0 "$(cat "$STATE/timer-$tok" 2>/dev/null)" 2>/dev/null; } && echo "$tok"; }',
    'if [ "$MODE" = confirm ]; then',
    '  TOKEN=$(pending_token || true)',
    '  [ -n "$TOKEN" ] || { echo "Nothing is waiting for confirmation: no rollback is pending (already confirmed, rolled back, or never applied)." >&2; exit 1; }',
    '  [ -e "$STATE/loaded-$TOKEN" ] || { echo "That apply stopped before its rules were fully loaded: nothing to confirm; the previous rules come back by themselves." >&2; exit 1; }',
    '  decide "$TOKEN"',
    "  exit 0",
    "fi",
    "umask 077",
    'mkdir -p "$STATE"',
    'if pending_token >/dev/null; then',
    '  echo "An earlier apply is still waiting for confirmation: confirm it (sh $HERE/apply.sh --confirm) or let it roll back first." >&2',
    "  exit 1",
    "fi",
    "",
  ];
}

/**
 * Write rollback.sh and start it detached, before anything changes. It waits until apply.sh has
 * loaded the new rules (or died), then SECONDS more; if it wins the decision it runs `restore`.
 * Arguments: $1 seconds, $2 state folder, $3 token, $4 the apply.sh process id, $5 the guard's unit.
 * With `guard`, a boot guard is installed too (see BootGuard); every decision removes it.
 */
export function armRollback(restore: string[], guard?: BootGuard): string[] {
  return [
    "# Arm the rollback before changing anything; it survives the SSH session ending.",
    'TOKEN="$(date +%s).$$"',
    'echo "$TOKEN" > "$STATE/pending"',
    "cat > \"$STATE/rollback.sh\" <<'ROLLBACK'",
    "STATE=$2",
    "GUARD=$5",
    'echo "$$" > "$STATE/timer-$3"',
    'while [ ! -e "$STATE/loaded-$3" ] && kill -0 "$4" 2>/dev/null; do sleep 1; done',
    'sleep "$1"',
    'ln -s rolled-back "$STATE/decision-$3" 2>/dev/null || exit 0',
    ...restore,
    'rm -f "$STATE/pending"',
    REMOVE_GUARD,
    'touch "$STATE/done-$3"',
    'logger -t portcullis "not confirmed: previous firewall rules restored" 2>/dev/null || true',
    "ROLLBACK",
    'setsid sh "$STATE/rollback.sh" "$T" "$STATE" "$TOKEN" "$$" "$GUARD" </dev/null >/dev/null 2>&1 &',
    ...(guard ? bootGuardLines(guard) : []),
    `trap '[ -e "$STATE/loaded-$TOKEN" ] || echo "apply.sh stopped before the new rules were fully loaded: the previous rules come back in \${T} seconds; do not confirm." >&2' EXIT`,
    "",
  ];
}

export function confirmPrompt(): string[] {
  return [
    'touch "$STATE/loaded-$TOKEN"',
    'echo "Applied. Open a NEW ssh session to this server now."',
    'echo "If it works, type yes here within ${T} seconds, or run from that session: sh $HERE/apply.sh --confirm"',
    'echo "Without confirmation the previous rules come back after ${T} seconds."',
    'if read -r answer && [ "$answer" = yes ]; then',
    '  decide "$TOKEN" || exit 1',
    "else",
    '  echo "Not confirmed here: run sh $HERE/apply.sh --confirm from a new session within ${T} seconds."',
    "fi",
  ];
}

/** `--confirm` for the backend whose safety net is its testing mode only (APF DEVEL_MODE). */
export function testingModeConfirm(sed: string, file: string, restart: string, done: string): string[] {
  return ['if [ "${1:-}" = "--confirm" ]; then', `  sed -i '${sed}' ${file}`, `  ${restart}`, `  echo "${done}"`, "  exit 0", "fi"];
}
