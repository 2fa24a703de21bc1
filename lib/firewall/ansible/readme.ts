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
1. Uploads \`files/<host>/<backend>/\` to \`portcullis_remote_dir\` (unchanged files are not sent again).
2. Runs \`apply.sh SECONDS\`, which refuses when another firewall manager is active (its message is
   shown and the host fails), checks the rules' syntax on the server, arms the rollback timer and
   loads the rules. It never confirms from the session that ran it.
3. \`meta: reset_connection\`: the existing SSH session would survive the new rules and prove nothing.
4. Runs \`apply.sh --confirm\` over a NEW connection. If that connection cannot get in, the host is
   reported failed with a clear message, nothing is confirmed, and the rollback restores the previous
   rules by itself after SECONDS; the play goes on with the other hosts.
5. Records the checksum of the confirmed files (\`portcullis_remote_dir\`.applied): a second run
   with nothing changed reports \`changed=0\`.
6. Runs \`verify.sh\` when the bundle has one and fetches its live file to \`live/<host>.txt\`,
   ready to upload to Portcullis for the drift view.

Rollout: one play per backend; each starts with one canary host, then 25% of the hosts at a time,
and stops when more than 25% of a batch (so: the canary) fails (\`serial\` and \`max_fail_percentage\`
in site.yml). Hosts worked on in parallel: \`forks\` in ansible.cfg (${DEFAULT_FORKS}).

Check mode (\`--check --diff\`) uploads nothing and applies nothing: it shows, per host, which files
differ from the server's copy and whether an apply would run (\`changed\`), and the output of
\`verify.sh\` when the bundle has one.

## Variables (roles/portcullis_apply/defaults/main.yml; override in host_vars/, group_vars/ or -e)
| Variable | Default | Meaning |
|---|---|---|
| \`portcullis_confirm_seconds\` | ${DEFAULT_CONFIRM_SECONDS} | Seconds the new rules wait for the confirmation before they roll back |
| \`portcullis_remote_dir\` | /var/lib/portcullis/bundle/<backend> | Where the files are uploaded on the server |
| \`portcullis_files\` | files/<host>/<backend> | This host's files in the project |
| \`portcullis_live_dir\` | live | Where live files are fetched to |
| \`portcullis_force_with_other_manager\` | false | Pass \`--force-with-other-manager\` to apply.sh |

Set by the export in host_vars/<host>.yml: \`ansible_host\`, \`ansible_port\`, \`portcullis_backend\`,
\`portcullis_profile\`, \`portcullis_bundle_sha256\`. Groups: \`panel_<panel>\`, \`os_<os>\`, \`backend_<backend>\`.
`;
}
