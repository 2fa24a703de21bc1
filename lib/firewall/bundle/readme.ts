/** README.md per backend folder: what each file is, where it goes, and the steps on that OS. */
import type { RuleSet } from "../policy/resolve";
import type { Backend } from "../policy/schema";
import { safeText } from "../render/common";
import type { Limitation, RuleFile } from "../render/types";
import { DEFAULT_CONFIRM_SECONDS } from "./apply";

const RHEL = new Set(["almalinux", "rocky", "cloudlinux"]);

function persistence(backend: Backend, ruleSet: RuleSet): string[] {
  const rhel = RHEL.has(ruleSet.server.os);
  switch (backend) {
    case "nftables":
      return rhel
        ? ["Copy `portcullis.nft` to `/etc/nftables/portcullis.nft`.", 'Add `include "/etc/nftables/portcullis.nft"` to `/etc/sysconfig/nftables.conf` and run `systemctl enable nftables`.']
        : ["Copy `portcullis.nft` to `/etc/nftables.d/portcullis.nft` (`mkdir -p /etc/nftables.d`).", 'Add `include "/etc/nftables.d/*.nft"` to `/etc/nftables.conf` **after** its `flush ruleset` line, or remove that line (it wipes Docker\'s and fail2ban\'s tables), and run `systemctl enable nftables`.'];
    case "iptables":
      return rhel
        ? ["`dnf install iptables-services ipset-service`; the restore at boot must run `ipset restore` before the rules and use `--noflush`, or merge our chains into `/etc/sysconfig/iptables` and `/etc/sysconfig/ip6tables`."]
        : ["`apt install iptables-persistent ipset-persistent`, then `netfilter-persistent save` after confirming: it saves the running rules, including our chains and sets."];
    case "firewalld":
      return ["Nothing more: the files are permanent configuration in `/etc/firewalld`."];
    case "ufw":
      return ["Nothing more: ufw keeps its rules and starts at boot once enabled."];
    case "csf":
      return ["Nothing more once TESTING is 0: csf and lfd start at boot."];
    case "apf":
      return ["Nothing more once DEVEL_MODE is 0: apf starts at boot."];
  }
}

const TIMED: Record<Backend, boolean> = { nftables: true, iptables: true, firewalld: true, ufw: true, csf: false, apf: false };

export function renderReadme(backend: Backend, label: string, ruleSet: RuleSet, files: RuleFile[], limitations: Limitation[]): string {
  const steps = [
    `Copy this folder to the server, e.g. \`scp -r ${backend} root@${safeText(ruleSet.server.hostname || "server", 253)}:/root/portcullis-${backend}\`.`,
    "Keep your current SSH session open for the whole procedure.",
    TIMED[backend]
      ? `Run \`sh apply.sh\` as root (or \`sh apply.sh 120\` for a longer window; default ${DEFAULT_CONFIRM_SECONDS} seconds). It checks the syntax first, saves the current rules and arms an automatic rollback.`
      : "Run `sh apply.sh` as root. It checks the files first and applies them in testing mode, which flushes the firewall on a short schedule.",
    TIMED[backend]
      ? "Open a **new** SSH session. If it works, type `yes` in the first session or run `sh apply.sh --confirm` in the new one. Without confirmation the previous rules come back by themselves."
      : "Open a **new** SSH session. If it works, run `sh apply.sh --confirm` there: it turns testing mode off.",
    ...persistence(backend, ruleSet),
  ];
  const lines = [
    `# ${label}: rules for ${safeText(ruleSet.server.name)}`,
    "",
    "## Files",
    "",
    "| File | Goes to | What |",
    "|---|---|---|",
    ...files.map((f) => `| \`${f.path}\` | \`${f.installPath}\` | ${safeText(f.description, 200)} |`),
    "| `apply.sh` | run from this folder | Checks, applies, arms the confirm-or-revert safety net |",
    "",
    "## Apply step by step",
    "",
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    "",
    "Use exactly one firewall manager per server: do not combine this with CSF, APF, firewalld or ufw rules managed elsewhere.",
    "",
  ];
  if (limitations.length > 0) {
    lines.push("## Not enforced by this backend", "", ...limitations.map((l) => `- ${safeText(l.detail, 300)}`), "");
  }
  return lines.join("\n");
}
