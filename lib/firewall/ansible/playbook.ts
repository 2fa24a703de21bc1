/**
 * The fixed parts of the Ansible project: ansible.cfg, site.yml (one play per backend in the
 * export, a canary host first, then batches of 25%), a role per backend (it names its backend and
 * depends on the shared role), and the shared role `portcullis_apply` that does the safe apply:
 * upload, apply with the rollback armed, reconnect, confirm over the new connection, record, verify.
 * Nothing here is taken from a profile except the backend names, which are a closed enum.
 */
import type { Backend } from "../policy/schema";

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

export function renderSite(backends: readonly Backend[]): string {
  const plays = backends.flatMap((b) => [
    `- name: Apply the Portcullis plan on the ${b} servers`,
    `  hosts: backend_${b}`,
    "  gather_facts: false",
    "  # A canary host first; the rollout stops when it fails, then 25% of the hosts at a time.",
    "  serial: [1, \"25%\"]",
    "  max_fail_percentage: 25",
    "  roles:",
    `    - portcullis_${b}`,
  ]);
  return ["---", "# Portcullis: the safe apply on every host of inventory.yml (see README.md).", ...plays, ""].join("\n");
}

export function renderBackendRole(backend: Backend): Record<string, string> {
  return {
    "meta/main.yml": [
      "---",
      "galaxy_info:",
      "  author: Portcullis",
      `  description: Apply the Portcullis ${backend} rules with a confirm-or-revert window`,
      "  license: MIT",
      "  min_ansible_version: \"2.14\"",
      ...PLATFORMS,
      "dependencies:",
      "  - role: portcullis_apply",
      "    vars:",
      `      portcullis_backend: ${backend}`,
      "",
    ].join("\n"),
  };
}

const DEFAULTS = [
  "---",
  "# Seconds the new rules wait for the confirmation over a new SSH connection before they roll back.",
  `portcullis_confirm_seconds: ${DEFAULT_CONFIRM_SECONDS}`,
  "# Where the backend's files are uploaded on the server.",
  "portcullis_remote_dir: \"/var/lib/portcullis/bundle/{{ portcullis_backend }}\"",
  "# This host's files in the project (written by the export).",
  "portcullis_files: \"{{ playbook_dir }}/files/{{ inventory_hostname }}/{{ portcullis_backend }}\"",
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

const TASKS = [
  "---",
  "- name: Read which bundle this server last confirmed",
  "  ansible.builtin.slurp:",
  "    src: \"{{ portcullis_remote_dir }}.applied\"",
  "  register: portcullis_last",
  "  failed_when: false",
  "",
  "- name: Upload the backend's files (check mode uploads nothing and shows what differs) for {{ portcullis_backend }}",
  "  ansible.builtin.copy:",
  "    src: \"{{ portcullis_files }}/\"",
  "    dest: \"{{ portcullis_remote_dir }}/\"",
  "    mode: preserve",
  "  register: portcullis_upload",
  "",
  "- name: Decide whether this host needs an apply",
  "  ansible.builtin.set_fact:",
  "    portcullis_apply_needed: \"{{ portcullis_upload.changed or (portcullis_last.content | default('') | b64decode | trim) != portcullis_bundle_sha256 }}\"",
  "",
  "- name: Report what a run would do",
  "  ansible.builtin.debug:",
  ...folded(4, "msg", "{{ inventory_hostname }}: {{ 'would upload the changed files above and apply them' if portcullis_upload.changed else ('would apply again: the files are in place but were not confirmed by the last run' if portcullis_apply_needed else 'nothing to do: the files and the confirmed apply match this project') }}"),
  "  changed_when: portcullis_apply_needed | bool",
  "  when: ansible_check_mode",
  "",
  "- name: Apply with the rollback armed",
  "  when: portcullis_apply_needed | bool and not ansible_check_mode",
  "  block:",
  "    - name: Check, arm the rollback and load the rules (apply.sh; the old session never confirms)",
  "      ansible.builtin.command:",
  ...folded(8, "argv", "{{ ['sh', portcullis_remote_dir ~ '/apply.sh', portcullis_confirm_seconds | string] + (['--force-with-other-manager'] if portcullis_force_with_other_manager | bool else []) }}"),
  "        stdin: \"no\"",
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
  "    - name: Confirm over a NEW SSH connection",
  "      ansible.builtin.command:",
  "        argv: [sh, \"{{ portcullis_remote_dir }}/apply.sh\", --confirm]",
  "      register: portcullis_confirm",
  "      changed_when: true",
  "      ignore_unreachable: true",
  "",
  "    - name: Fail when the new connection did not get in",
  "      ansible.builtin.fail:",
  ...folded(8, "msg", "A new SSH connection to {{ inventory_hostname }} failed after the apply, so it was not confirmed: the previous rules come back by themselves {{ portcullis_confirm_seconds }} seconds after the apply. Check that the profile lets this controller in on SSH."),
  "      when: portcullis_confirm.unreachable | default(false)",
  "",
  "    - name: Record the confirmed bundle",
  "      ansible.builtin.copy:",
  "        content: \"{{ portcullis_bundle_sha256 }}\\n\"",
  "        dest: \"{{ portcullis_remote_dir }}.applied\"",
  "        mode: \"0600\"",
  ...RESCUE,
  "",
  "- name: Bring back the live state",
  "  ansible.builtin.import_tasks: live.yml",
  "",
].join("\n");

const LIVE = [
  "---",
  "# After a confirmed apply (or in check mode), run the read-only verify.sh when the bundle has one",
  "# and fetch its live file to live/<host>.txt.",
  "- name: Look for verify.sh",
  "  ansible.builtin.stat:",
  "    path: \"{{ portcullis_remote_dir }}/verify.sh\"",
  "  register: portcullis_verify",
  "  check_mode: false",
  "",
  "- name: Read the live state",
  "  when: portcullis_verify.stat.exists and (ansible_check_mode or portcullis_apply_needed | bool)",
  "  block:",
  "    - name: Make a folder for the live file",
  "      ansible.builtin.tempfile:",
  "        state: directory",
  "        prefix: portcullis-live.",
  "      register: portcullis_live_tmp",
  "      check_mode: false",
  "      changed_when: false",
  "",
  "    - name: Run verify.sh (read-only)",
  "      ansible.builtin.command:",
  "        argv: [sh, \"{{ portcullis_remote_dir }}/verify.sh\", \"{{ portcullis_live_tmp.path }}\"]",
  "      register: portcullis_verify_run",
  "      check_mode: false",
  "      changed_when: false",
  "",
  "    - name: Show what verify.sh found",
  "      ansible.builtin.debug:",
  "        var: portcullis_verify_run.stdout_lines",
  "",
  "    - name: Find the live file",
  "      ansible.builtin.find:",
  "        paths: \"{{ portcullis_live_tmp.path }}\"",
  "        patterns: \"portcullis-live-*.txt\"",
  "      register: portcullis_live_files",
  "      check_mode: false",
  "",
  "    - name: Fetch it to live/<host>.txt",
  "      ansible.builtin.fetch:",
  "        src: \"{{ portcullis_live_files.files[0].path }}\"",
  "        dest: \"{{ portcullis_live_dir }}/{{ inventory_hostname }}.txt\"",
  "        flat: true",
  "      check_mode: false",
  "      changed_when: false",
  "      when: portcullis_live_files.files | length > 0",
  "",
  "    - name: Remove the folder on the server",
  "      ansible.builtin.file:",
  "        path: \"{{ portcullis_live_tmp.path }}\"",
  "        state: absent",
  "      check_mode: false",
  "      changed_when: false",
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
