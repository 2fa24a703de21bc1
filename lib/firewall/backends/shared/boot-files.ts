/**
 * The boot path apply.sh installs once the admin confirms (docs/backends.md §14), never before:
 * the OS family detected on the server at run time, and the files it changes backed up at apply
 * and put back by the rollback, so an unconfirmed apply leaves the boot files as they were.
 */

/**
 * `FAMILY` from /etc/os-release (ID, then ID_LIKE): rhel or debian; anything else stops apply.sh
 * before it changes anything. Run time, not the profile's OS: the script may be carried to a
 * server the profile describes wrongly, and the boot files must match the server it runs on.
 */
export function detectFamily(): string[] {
  return [
    "# The OS family decides the boot files: read it from this server, not from the profile.",
    "FAMILY=$( { . /etc/os-release; printf '%s %s\\n' \"${ID:-}\" \"${ID_LIKE:-}\"; } 2>/dev/null | tr ' ' '\\n' | while read -r w; do case \"$w\" in debian|ubuntu) echo debian; break ;; rhel|centos|fedora|almalinux|rocky|cloudlinux) echo rhel; break ;; esac; done)",
    '[ -n "$FAMILY" ] || { echo "Unknown OS family (/etc/os-release names neither Debian/Ubuntu nor an EL distribution): nothing changed." >&2; exit 1; }',
    "",
  ];
}

/** Shell variables set per family, e.g. ["BOOT_V4", {rhel: "/etc/sysconfig/iptables", debian: "/etc/iptables/rules.v4"}]. */
export function familyPaths(paths: [string, { rhel: string; debian: string }][]): string[] {
  const set = (family: "rhel" | "debian") => paths.map(([name, p]) => `${name}=${p[family]}`).join("; ");
  return [`if [ "$FAMILY" = rhel ]; then ${set("rhel")}; else ${set("debian")}; fi`];
}

/** Copy each boot file (shell words, e.g. "$BOOT_V4") to $STATE/boot.previous with its path, or mark it missing. */
export function backupBootFiles(files: string[]): string[] {
  return [
    'rm -rf "$STATE/boot.previous"; mkdir -p "$STATE/boot.previous"',
    ...files.map((f, i) => `echo ${f} > "$STATE/boot.previous/${i}.path"; if [ -e ${f} ]; then cp -a ${f} "$STATE/boot.previous/${i}"; fi`),
  ];
}

/** For rollback.sh (which knows no variables): put every backed-up boot file back; one that did not exist is removed. */
export function restoreBootFiles(): string[] {
  return [
    'for f in "$STATE"/boot.previous/*.path; do',
    '  [ -e "$f" ] || continue; p=$(cat "$f"); b=${f%.path}',
    '  if [ -e "$b" ]; then cat "$b" > "$p"; else rm -f "$p"; fi',
    "done",
  ];
}
