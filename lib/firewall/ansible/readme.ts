/** README.md of the Ansible project: what runs where, the commands, and every variable. */
import type { AnsibleHost } from "./inventory";
import { DEFAULT_CONFIRM_SECONDS, DEFAULT_FORKS } from "./playbook";

export function renderAnsibleReadme(hosts: readonly AnsibleHost[]): string {
  const rows = hosts.map((h) => `| \`${h.name}\` | ${h.document.server.name} | ${h.backend} | ${h.address || "(the name)"} | ${h.sshPort} |`);
  return `# Portcullis: deploy to many servers with Ansible

Needs ansible-core 2.14 or later on this machine (Debian: \`apt-get install ansible-core\`) and SSH
access as root (or set \`ansible_user\` and \`become\` yourself) to every host below. Run from this folder:

\`\`\`sh
ansible-playbook site.yml --check --diff   # what would change, per host; uploads nothing
ansible-playbook site.yml                  # the safe apply on every host
ansible-playbook site.yml --limit backend_nftables   # or one group, or one host
\`\`\`

| Host | Profile | Backend | Connects to | SSH port |
|---|---|---|---|---|
${rows.join("\n")}

## What the play does on each host
1. Looks at the server's copy in one call (\`find\` with checksums): each file's SHA-1 and mode
   against \`portcullis_files_index\` in host_vars, and the record of the last confirmed apply.
2. When a file is missing or differs, sends \`files/<host>/<backend>.tar\` (the same files as the
   folder beside it) base64-encoded as the stdin of the apply command, which unpacks it into
   \`portcullis_remote_dir\`, modes kept, and goes on to step 3 in the same call. (At \`-vvv\`
   Ansible prints a module's arguments, so the archive's base64 text shows in that log.)
3. Runs \`apply.sh SECONDS\` with stdin closed: it refuses when another firewall manager is active
   (its message is shown and the host fails), checks the rules' syntax on the server, arms the
   rollback timer and loads the rules. It never confirms from the session that ran it.
4. \`meta: reset_connection\`: the existing SSH session would survive the new rules and prove nothing.
5. Over a NEW connection, in one command: \`apply.sh --confirm\`; then the record of the confirmed
   files (\`portcullis_remote_dir\`/.portcullis-applied: a second run with nothing changed makes that
   one look and reports \`changed=0\`); then \`verify.sh\` when the bundle has one (read-only, in a
   temporary folder it removes), whose live file is kept as \`live/<host>.txt\` here, ready to upload
   to Portcullis for the drift view. If the new connection cannot get in, the host is reported
   failed with a clear message, nothing is confirmed, and the rollback restores the previous rules
   by itself after SECONDS; the other hosts go on (see Rollout for when the run stops). If the
   confirmation worked but verify.sh failed, the host is reported failed with verify.sh's message:
   its new rules stay.

Rollout: one play for every host; it starts with one canary host, then 25% of the hosts at a time,
and stops when more than 25% of a batch (so: the canary) fails (\`serial\` and \`max_fail_percentage\`
in site.yml). Hosts worked on in parallel: \`forks\` in ansible.cfg (${DEFAULT_FORKS}). Each host's
backend comes from \`portcullis_backend\` in its host_vars.

Check mode (\`--check --diff\`) uploads nothing and applies nothing: it shows, per host, which files
differ from the server's copy and whether an apply would run (\`changed\`), and runs \`verify.sh\`
(read-only) when the server's copy has one.

## Variables (roles/portcullis_apply/defaults/main.yml; override in host_vars/, group_vars/ or -e)
| Variable | Default | Meaning |
|---|---|---|
| \`portcullis_confirm_seconds\` | ${DEFAULT_CONFIRM_SECONDS} | Seconds the new rules wait for the confirmation before they roll back |
| \`portcullis_remote_dir\` | /var/lib/portcullis/bundle/<backend> | Where the files are uploaded on the server |
| \`portcullis_files\` | files/<host>/<backend> | This host's files in the project (check mode's diff) |
| \`portcullis_archive\` | files/<host>/<backend>.tar | The same files as one archive (what a run sends) |
| \`portcullis_live_dir\` | live | Where live files are fetched to |
| \`portcullis_force_with_other_manager\` | false | Pass \`--force-with-other-manager\` to apply.sh |

Set by the export in host_vars/<host>.yml: \`ansible_host\`, \`ansible_port\`, \`portcullis_backend\`,
\`portcullis_profile\`, \`portcullis_bundle_sha256\`, \`portcullis_files_index\`, and on Debian and
Ubuntu hosts \`ansible_python_interpreter\` (/usr/bin/python3; other systems are discovered). Groups: \`panel_<panel>\`, \`os_<os>\`, \`backend_<backend>\`.
`;
}
