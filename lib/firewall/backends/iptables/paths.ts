/** Where iptables rules and ipsets are saved on each OS family, and how they load at boot (docs/backends.md §2.1). */
import type { OsFamily } from "../../policy/os";

export const IPTABLES_PATHS = {
  rhel: { v4: "/etc/sysconfig/iptables", v6: "/etc/sysconfig/ip6tables", ipset: "/etc/sysconfig/ipset" },
  debian: { v4: "/etc/iptables/rules.v4", v6: "/etc/iptables/rules.v6", ipset: "/etc/iptables/ipsets" },
} as const satisfies Record<OsFamily, { v4: string; v6: string; ipset: string }>;

export function iptablesBootSteps(family: OsFamily): string[] {
  return family === "rhel"
    ? ["`dnf install iptables-services ipset-service`; the restore at boot must run `ipset restore` before the rules and use `--noflush`, or merge our chains into `/etc/sysconfig/iptables` and `/etc/sysconfig/ip6tables`."]
    : ["`apt install iptables-persistent ipset-persistent`, then `netfilter-persistent save` after confirming: it saves the running rules, including our chains and sets."];
}
