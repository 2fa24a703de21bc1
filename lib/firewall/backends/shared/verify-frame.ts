/**
 * The shell frame every bundle's verify.sh shares (docs/backends.md "Verify"): read-only, POSIX
 * sh, root. It records the backend's live state (commands), its files and boot configuration,
 * whether its services load at boot, the other firewall managers that are active and the state of
 * an unconfirmed apply into `portcullis-live-<host>-<UTC time>.txt` (lib/firewall/verify/live-file.ts
 * reads it). Fixed template: no profile text is interpolated except the safe header.
 */
import type { RuleSet } from "../../policy/resolve";
import type { Backend } from "../../policy/schema";
import { LIVE_FORMAT_LINE } from "../../verify/live-file";
import type { RenderMeta, VerifySpec } from "../types";
import { detectOtherManagers } from "./coexistence";
import { commentBlock, headerLines, safeText } from "./rules";

/** Paths and ids are fixed strings of ours; this keeps a typo from ever reaching the shell unquoted. */
const SAFE = /^[A-Za-z0-9_./*@ -]+$/;
function checked(text: string): string {
  if (!SAFE.test(text)) throw new Error(`verify.sh: unsafe fixed text ${JSON.stringify(text)}`);
  return text;
}

export function verifyScript(backend: Backend, spec: VerifySpec, ruleSet: RuleSet, meta: RenderMeta): string {
  const files = spec.files.map((f) => checked(f).includes("*") ? `for f in ${f}; do keep_file "$f"; done` : `keep_file ${f}`);
  return [
    "#!/bin/sh",
    commentBlock(headerLines(ruleSet, meta, `verify script (${backend})`, [])),
    "#",
    "# usage: sh verify.sh [FOLDER]   (as root; writes FOLDER/portcullis-live-<host>-<UTC time>.txt)",
    "# Read-only: it only reads the firewall, its files and service states, and changes nothing on",
    "# this server besides writing that file (and a temporary folder it removes).",
    "set -u",
    "umask 077",
    '[ "$(id -u)" = 0 ] || { echo "verify.sh must run as root: the firewall can only be read by root." >&2; exit 2; }',
    `STATE=\${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/${backend}}`,
    'HOST=$( (hostname 2>/dev/null || uname -n) | head -n 1 | tr -cd "A-Za-z0-9_.-" | cut -c1-253)',
    '[ -n "$HOST" ] || HOST=unknown',
    'NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)',
    'OUT="${1:-.}/portcullis-live-$HOST-$(date -u +%Y%m%dT%H%M%SZ).txt"',
    'TMP=$(mktemp -d) || exit 2',
    "trap 'rm -rf \"$TMP\"' EXIT",
    "# section ID COMMAND...: the command's output between BEGIN and END lines, with its exit code.",
    'section() { id=$1; shift; "$@" >"$TMP/out" 2>/dev/null; st=$?; echo "=== BEGIN $id ==="; awk \'{ print }\' "$TMP/out"; echo "=== END $id status=$st ==="; }',
    "# keep_file PATH: a file's text (status 1 when it does not exist); odd names are skipped.",
    'keep_file() { case "$1" in *[!A-Za-z0-9_./-]*) return 0 ;; esac; section "file $1" cat "$1"; }',
    "managers() {",
    ...detectOtherManagers(backend).map((l) => `  ${l}`),
    "  printf '%s' \"$OTHERS\" | tr ';' '\\n' | sed 's/^ *//' | grep -v '^$' || true",
    "}",
    "# The apply frame's state: pending holds the token while a rollback is pending.",
    "apply_state() {",
    '  tok=$(tr -cd "0-9." < "$STATE/pending" 2>/dev/null)',
    '  if [ -z "$tok" ]; then echo "pending none"; return 0; fi',
    '  echo "pending $tok"',
    '  if [ -e "$STATE/loaded-$tok" ]; then echo "loaded yes"; else echo "loaded no"; fi',
    '  if kill -0 "$(cat "$STATE/timer-$tok" 2>/dev/null)" 2>/dev/null; then echo "timer running"; else echo "timer gone"; fi',
    "}",
    "{",
    `  echo '${LIVE_FORMAT_LINE}'`,
    `  echo 'backend=${backend}'`,
    '  echo "host=$HOST"',
    '  echo "time=$NOW"',
    `  echo 'generator=Portcullis ${safeText(meta.productVersion, 40)} verify.sh'`,
    "  echo 'read-only=yes'",
    ...spec.commands.map((c) => `  section 'live ${checked(c.id)}' ${checked(c.command)}`),
    ...files.map((l) => `  ${l}`),
    ...spec.services.map((s) => `  section 'enabled ${checked(s)}' systemctl is-enabled ${s}`),
    "  section managers managers",
    "  section apply apply_state",
    '} > "$TMP/live" || exit 2',
    'mv "$TMP/live" "$OUT" 2>/dev/null || cp "$TMP/live" "$OUT" || exit 2',
    'echo "Wrote $OUT (read-only: nothing on this server was changed)."',
    'echo "Upload it on the server page in Portcullis (Verify), or: npm run cli -- verify profile.json $(basename "$OUT")"',
    "",
  ].join("\n");
}
