/**
 * The fixed parts of the Ansible project: ansible.cfg, site.yml (one play for the fleet, a canary
 * host first, then batches of 25%), and the role `portcullis_apply` that does the safe apply: one
 * look at the server's copy, upload as one archive, apply with the rollback armed, reconnect,
 * confirm over the new connection, record, verify. Nothing here is taken from a profile.
 */

export const DEFAULT_FORKS = 10;
export const DEFAULT_CONFIRM_SECONDS = 90;

export function renderAnsibleCfg(): string {
  return [
    "# Portcullis: settings for this project (run ansible-playbook from this folder).",
    "[defaults]",
    "inventory = inventory.yml",
    "roles_path = roles",
    `# Hosts worked on at the same time inside a batch.`,
    `forks = ${DEFAULT_FORKS}`,
    "interpreter_python = auto_silent",
    "retry_files_enabled = False",
    "# Seconds an SSH connection may take: the confirm step's new connection fails after this.",
    "timeout = 10",
    "",
    "[ssh_connection]",
    "pipelining = True",
    "",
  ].join("\n");
}

/**
 * One play for the whole fleet (each host's backend comes from its host_vars), so the fleet has
 * one canary and batches of 25% rather than a canary and batches per backend. The linear strategy
 * stays: max_fail_percentage is only enforced by it.
 */
export function renderSite(): string {
  return [
    "---",
    "# Portcullis: the safe apply on every host of inventory.yml (see README.md).",
    "- name: Apply the Portcullis plan on every server",
    "  hosts: all",
    "  gather_facts: false",
    "  # A canary host first; the rollout stops when it fails, then 25% of the hosts at a time.",
    "  serial: [1, \"25%\"]",
    "  max_fail_percentage: 25",
    "  roles:",
    "    - portcullis_apply",
    "",
  ].join("\n");
}

const DEFAULTS = [
  "---",
  "# Seconds the new rules wait for the confirmation over a new SSH connection before they roll back.",
  `portcullis_confirm_seconds: ${DEFAULT_CONFIRM_SECONDS}`,
  "# Where the backend's files are uploaded on the server.",
  "portcullis_remote_dir: \"/var/lib/portcullis/bundle/{{ portcullis_backend }}\"",
  "# This host's files in the project (written by the export): the folder, shown by check mode's diff,",
  "# and the same files as one archive, which a run uploads in one transfer.",
  "portcullis_files: \"{{ playbook_dir }}/files/{{ inventory_hostname }}/{{ portcullis_backend }}\"",
  "portcullis_archive: \"{{ playbook_dir }}/files/{{ inventory_hostname }}/{{ portcullis_backend }}.tar\"",
  "# Where the live file from verify.sh is fetched to.",
  "portcullis_live_dir: \"{{ playbook_dir }}/live\"",
  "# apply.sh refuses while another firewall manager is active; true passes --force-with-other-manager.",
  "portcullis_force_with_other_manager: false",
  "",
].join("\n");

/**
 * `key: >-` and the text wrapped at spaces, each line indented under the key: YAML folds the lines
 * back with single spaces, so the value is exactly `text` (ansible-lint allows 160 columns).
 */
function folded(indent: number, key: string, text: string, width = 100): string[] {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return [`${pad}${key}: >-`, ...lines.map((l) => `${pad}  ${l}`)];
}

/** Ansible-lint's platforms: every system Portcullis plans for (docs/backends.md names the backends each one runs). */
const PLATFORMS = [
  "  platforms:",
  "    - name: EL",
  "      versions: [\"8\", \"9\"]",
  "    - name: Debian",
  "      versions: [bullseye, bookworm]",
  "    - name: Ubuntu",
  "      versions: [all]",
];

/** Either step failing fails the host with apply.sh's own words; the rollback needs nothing from here. */
const RESCUE = [
  "  rescue:",
  "    - name: Report why this host was not confirmed",
  "      ansible.builtin.fail:",
  ...folded(8, "msg", "{{ inventory_hostname }} not confirmed: {{ (ansible_failed_result.stderr | default('', true)) or ansible_failed_result.msg }}"),
];

/**
 * The upload and the apply in one call (one module start instead of three): when asked to, the
 * archive arrives base64-encoded on stdin and is unpacked into the folder (modes kept, made when
 * missing); then apply.sh runs with stdin closed, so it never confirms from this session.
 * $1 the folder, $2 `unpack` or `keep`, $3 the confirmation seconds, $4 `force` to pass
 * --force-with-other-manager.
 */
export const UNPACK_AND_APPLY = [
  'dir=$1;',
  'if [ "$2" = unpack ]; then mkdir -p -m 0755 "$dir" && base64 -d | tar -xpf - -C "$dir"',
  '|| { echo "could not unpack the files into $dir" >&2; exit 2; }; fi;',
  'if [ "$4" = force ]; then exec sh "$dir/apply.sh" "$3" --force-with-other-manager </dev/null; fi;',
  'exec sh "$dir/apply.sh" "$3" </dev/null',
].join(" ");

/**
 * Over the new connection, in one call: confirm; write the record of the confirmed bundle (the
 * checksum and a newline, what the comparison at the top hashes); then, when the bundle has one,
 * verify.sh into a private temporary folder with its live file to stdout. Exit 1: not confirmed;
 * 3: confirmed, but the record or verify.sh failed. $1 the folder, $2 the checksum, $3 `verify` or not.
 */
export const CONFIRM_RECORD_VERIFY = [
  'dir=$1;',
  'sh "$dir/apply.sh" --confirm </dev/null >&2 || exit 1;',
  '( umask 077 && printf \'%s\\n\' "$2" >"$dir/.portcullis-applied" ) && chmod 0600 "$dir/.portcullis-applied"',
  '|| { echo "confirmed, but the record $dir/.portcullis-applied could not be written" >&2; exit 3; };',
  '[ "$3" = verify ] || exit 0;',
  'd=$(mktemp -d) || exit 3; sh "$dir/verify.sh" "$d" >/dev/null; s=$?; [ "$s" = 0 ] && cat "$d"/portcullis-live-*.txt; rm -rf "$d";',
  '[ "$s" = 0 ] || { echo "confirmed, but verify.sh failed (exit $s)" >&2; exit 3; }',
].join(" ");

/** verify.sh into a private temporary folder, the live file to stdout, the folder removed: one call. */
const VERIFY_TO_STDOUT = "d=$(mktemp -d) || exit 2; sh \"$1\" \"$d\" >/dev/null; s=$?; [ \"$s\" = 0 ] && cat \"$d\"/portcullis-live-*.txt; rm -rf \"$d\"; exit \"$s\"";

/** `argv:` running `script` with `sh -c` (folded to lint's width), then the positional arguments. */
function shArgv(indent: number, name: string, script: string, args: string[]): string[] {
  const pad = " ".repeat(indent);
  return [`${pad}argv:`, `${pad}  - sh`, `${pad}  - -c`, `${pad}  - >-`, ...folded(indent + 2, "script", script).slice(1), `${pad}  - ${name}`, ...args.map((a) => `${pad}  - ${a}`)];
}

const TASKS = [
  "---",
  "# One call reads the server's copy (SHA-1 and mode of every file) and the record of the last",
  "# confirmed apply; everything after it is decided on the controller.",
  "- name: Look at the server's copy of the files and the confirmed record",
  "  ansible.builtin.find:",
  "    paths: \"{{ portcullis_remote_dir }}\"",
  "    recurse: true",
  "    hidden: true",
  "    get_checksum: true",
  "  register: portcullis_remote",
  "  check_mode: false",
  "",
  "- name: List the server's copy as \"path SHA-1 mode\", like portcullis_files_index",
  "  ansible.builtin.set_fact:",
  ...folded(4, "portcullis_have", "{% set have = [] %}{% for f in portcullis_remote.files %}{% set _ = have.append((f.path | relpath(portcullis_remote_dir)) ~ ' ' ~ f.checksum | default('') ~ ' ' ~ f.mode) %}{% endfor %}{{ have }}"),
  "",
  "# Upload when a file is missing or differs; apply as well when the record is not this bundle's.",
  "- name: Decide whether this host needs an upload and an apply",
  "  ansible.builtin.set_fact:",
  "    portcullis_upload_needed: \"{{ portcullis_files_index | difference(portcullis_have) | length > 0 }}\"",
  ...folded(4, "portcullis_apply_needed", "{{ portcullis_files_index | difference(portcullis_have) | length > 0 or portcullis_have | select('match', '[.]portcullis-applied ' ~ ('%s%c' | format(portcullis_bundle_sha256, 10) | hash('sha1')) ~ ' ') | list | length == 0 }}"),
  "    portcullis_has_verify: \"{{ portcullis_files_index | select('match', 'verify[.]sh ') | list | length > 0 }}\"",
  "",
  "- name: Show the files that differ from the server's copy (check mode uploads nothing) for {{ portcullis_backend }}",
  "  ansible.builtin.copy:",
  "    src: \"{{ portcullis_files }}/\"",
  "    dest: \"{{ portcullis_remote_dir }}/\"",
  "    mode: preserve",
  "  when: ansible_check_mode and portcullis_upload_needed | bool",
  "",
  "- name: Report what a run would do",
  "  ansible.builtin.debug:",
  ...folded(4, "msg", "{{ inventory_hostname }}: {{ 'would upload the changed files above and apply them' if portcullis_upload_needed | bool else ('would apply again: the files are in place but were not confirmed by the last run' if portcullis_apply_needed | bool else 'nothing to do: the files and the confirmed apply match this project') }}"),
  "  changed_when: portcullis_apply_needed | bool",
  "  when: ansible_check_mode",
  "",
  "- name: Apply with the rollback armed",
  "  when: portcullis_apply_needed | bool and not ansible_check_mode",
  "  block:",
  "    # The archive travels as this command's stdin (base64 of the tar file, which is UTF-8 text).",
  "    - name: Upload the files when they differ, check, arm the rollback and load the rules (apply.sh; this session never confirms)",
  "      ansible.builtin.command:",
  ...shArgv(8, "portcullis-apply", UNPACK_AND_APPLY, [
    "\"{{ portcullis_remote_dir }}\"",
    "\"{{ 'unpack' if portcullis_upload_needed | bool else 'keep' }}\"",
    "\"{{ portcullis_confirm_seconds | string }}\"",
    "\"{{ 'force' if portcullis_force_with_other_manager | bool else 'no-force' }}\"",
  ]),
  ...folded(8, "stdin", "{{ (lookup('ansible.builtin.file', portcullis_archive, rstrip=false) | b64encode) if portcullis_upload_needed | bool else '' }}"),
  "      register: portcullis_apply",
  "      changed_when: true",
  ...RESCUE,
  "",
  "# Always (meta tasks take no conditions): an established session survives new rules and proves nothing.",
  "- name: Drop the SSH connection",
  "  ansible.builtin.meta: reset_connection",
  "",
  "- name: Confirm over a new connection",
  "  when: portcullis_apply_needed | bool and not ansible_check_mode",
  "  block:",
  "    - name: Confirm over a NEW SSH connection, record the confirmed bundle and read the live state",
  "      ansible.builtin.command:",
  ...shArgv(8, "portcullis-confirm", CONFIRM_RECORD_VERIFY, [
    "\"{{ portcullis_remote_dir }}\"",
    "\"{{ portcullis_bundle_sha256 }}\"",
    "\"{{ 'verify' if portcullis_has_verify | bool else 'no-verify' }}\"",
  ]),
  "      register: portcullis_confirm",
  "      changed_when: true",
  "      failed_when: portcullis_confirm.rc | default(0) not in [0, 3]",
  "      ignore_unreachable: true",
  "",
  "    - name: Fail when the new connection did not get in",
  "      ansible.builtin.fail:",
  ...folded(8, "msg", "A new SSH connection to {{ inventory_hostname }} failed after the apply, so it was not confirmed: the previous rules come back by themselves {{ portcullis_confirm_seconds }} seconds after the apply. Check that the profile lets this controller in on SSH."),
  "      when: portcullis_confirm.unreachable | default(false)",
  ...RESCUE,
  "",
  "- name: Keep the live state",
  "  ansible.builtin.import_tasks: live.yml",
  "",
].join("\n");

const LIVE = [
  "---",
  "# Check mode runs the read-only verify.sh when the server's copy has one; a run reads it in the",
  "# confirming call. Either way the live file is kept as live/<host>.txt.",
  "- name: Read the live state (check mode)",
  "  when: ansible_check_mode and portcullis_have | select('match', 'verify[.]sh ') | list | length > 0",
  "  ansible.builtin.command:",
  ...shArgv(4, "verify", VERIFY_TO_STDOUT, ["\"{{ portcullis_remote_dir }}/verify.sh\""]),
  "  register: portcullis_verify_run",
  "  check_mode: false",
  "  changed_when: false",
  "",
  "- name: Fail when verify.sh failed after the confirmation",
  "  ansible.builtin.fail:",
  ...folded(4, "msg", "{{ inventory_hostname }} was confirmed, but its live state could not be read: {{ portcullis_confirm.stderr }}"),
  "  when: not ansible_check_mode and portcullis_confirm.rc | default(0) == 3",
  "",
  "- name: Keep it as live/<host>.txt",
  "  vars:",
  "    portcullis_live: \"{{ portcullis_verify_run.stdout | default('') if ansible_check_mode else portcullis_confirm.stdout | default('') }}\"",
  "  ansible.builtin.copy:",
  "    content: \"{{ portcullis_live }}\\n\"",
  "    dest: \"{{ portcullis_live_dir }}/{{ inventory_hostname }}.txt\"",
  "    mode: \"0644\"",
  "  delegate_to: localhost",
  "  check_mode: false",
  "  changed_when: false",
  "  when: portcullis_live != ''",
  "",
].join("\n");

/** roles/portcullis_apply/…: the shared safe apply. */
export function renderApplyRole(): Record<string, string> {
  return {
    "defaults/main.yml": DEFAULTS,
    "tasks/main.yml": TASKS,
    "tasks/live.yml": LIVE,
    "meta/main.yml": [
      "---",
      "galaxy_info:",
      "  author: Portcullis",
      "  description: Upload a Portcullis bundle folder, apply it with a rollback timer, confirm over a new SSH connection",
      "  license: MIT",
      "  min_ansible_version: \"2.14\"",
      ...PLATFORMS,
      "dependencies: []",
      "",
    ].join("\n"),
  };
}
