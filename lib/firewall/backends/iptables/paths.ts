/** Where iptables rules and ipsets are saved on each OS family, and how they load at boot (docs/backends.md §2.1). */
import type { OsFamily } from "../../policy/os";

export const IPTABLES_PATHS = {
  rhel: { v4: "/etc/sysconfig/iptables", v6: "/etc/sysconfig/ip6tables", ipset: "/etc/sysconfig/ipset" },
  debian: { v4: "/etc/iptables/rules.v4", v6: "/etc/iptables/rules.v6", ipset: "/etc/iptables/ipsets" },
} as const satisfies Record<OsFamily, { v4: string; v6: string; ipset: string }>;

/** README steps: apply.sh installs the boot path itself once confirmed; the commands stay for reference. */
export function iptablesBootSteps(family: OsFamily): string[] {
  const p = IPTABLES_PATHS[family];
  const units = family === "rhel" ? "ipset iptables ip6tables" : "netfilter-persistent";
  const pkg = family === "rhel" ? "dnf install iptables-services ipset-service" : "apt install iptables-persistent ipset-persistent";
  return [
    `Boot needs \`${pkg}\` (install it first if missing). Nothing more after that: once you confirm (never before), \`apply.sh\` merges our two chains, their INPUT/OUTPUT jumps (first in those chains) and our portcullis-* sets into \`${p.v4}\`, \`${p.v6}\` and \`${p.ipset}\`, keeping every other line of those files, and runs \`systemctl enable ${units}\`. An unconfirmed apply rolls the files back. For reference, by hand: save our lines (\`iptables-save -t filter | grep PORTCULLIS\`, \`ipset save\` of each portcullis-* set) into the *filter table of those files with the jumps before other INPUT/OUTPUT rules.`,
  ];
}
