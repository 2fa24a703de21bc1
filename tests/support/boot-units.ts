/**
 * A simulated boot (docs/backends.md §14): what each OS's boot unit runs to load the firewall,
 * exactly, on the server's /etc. The test boots a private root in a fresh namespace (empty
 * kernel state) and runs these lines there, as the unit would.
 */
import type { Machine } from "./private-root";

export type Family = "debian" | "rhel";

export const BOOT_UNITS: Record<"nftables" | "iptables", Record<Family, string[]>> = {
  nftables: {
    // Debian 12 nftables.service: ExecStart=/usr/sbin/nft -f /etc/nftables.conf
    debian: ["/usr/sbin/nft -f /etc/nftables.conf"],
    // EL 9 nftables.service: ExecStart=/sbin/nft -f /etc/sysconfig/nftables.conf
    rhel: ["/sbin/nft -f /etc/sysconfig/nftables.conf"],
  },
  iptables: {
    // Debian netfilter-persistent.service: ExecStart=/usr/sbin/netfilter-persistent start, which runs
    // its plugins in order (/usr/share/netfilter-persistent/plugins.d, 1.0.20): 10-ipset
    // `ipset restore -exist < /etc/iptables/ipsets`, 15-ip4tables `iptables-restore < rules.v4`,
    // 25-ip6tables `ip6tables-restore < rules.v6` (each skipped when its file is missing; no
    // --noflush by default). The commands are spelled out because Debian's ufw package Breaks
    // netfilter-persistent: both cannot be installed on the test machine at once.
    debian: [
      "if [ -f /etc/iptables/ipsets ]; then ipset restore -exist < /etc/iptables/ipsets; fi",
      "if [ -f /etc/iptables/rules.v4 ]; then iptables-restore < /etc/iptables/rules.v4; fi",
      "if [ -f /etc/iptables/rules.v6 ]; then ip6tables-restore < /etc/iptables/rules.v6; fi",
    ],
    // EL 9: ipset.service (Before=iptables.service ip6tables.service) runs
    // /usr/libexec/ipset/ipset.start-stop start, which loads /etc/sysconfig/ipset with
    // `ipset -exist restore`; iptables.service and ip6tables.service run
    // /usr/libexec/iptables/iptables.init start / ip6tables.init start, whose start() is
    // `iptables-restore $OPT /etc/sysconfig/iptables` (OPT empty by default; -w with
    // IPTABLES_RESTORE_WAIT set) and the same for ip6tables.
    rhel: ["ipset -exist restore < /etc/sysconfig/ipset", "iptables-restore /etc/sysconfig/iptables", "ip6tables-restore /etc/sysconfig/ip6tables"],
  },
};

/** The files each boot unit reads, which apply.sh may change once confirmed. */
export const BOOT_FILES: Record<"nftables" | "iptables", Record<Family, string[]>> = {
  nftables: { debian: ["/etc/nftables.conf", "/etc/nftables.d/portcullis.nft"], rhel: ["/etc/sysconfig/nftables.conf", "/etc/nftables/portcullis.nft"] },
  iptables: { debian: ["/etc/iptables/rules.v4", "/etc/iptables/rules.v6", "/etc/iptables/ipsets"], rhel: ["/etc/sysconfig/iptables", "/etc/sysconfig/ip6tables", "/etc/sysconfig/ipset"] },
};

const EL_OS_RELEASE = 'NAME="Rocky Linux"\nVERSION_ID="9.4"\nID="rocky"\nID_LIKE="rhel centos fedora"\n';
// The file EL's nftables package ships: comments only, so the service loads nothing until told.
const EL_NFTABLES_CONF = '# Uncomment the include statement here to load the default config sets.\n# include "/etc/nftables/main.nft"\n';
// Debian's stock /etc/nftables.conf: a `flush ruleset` first, then an accept-all filter table.
const DEBIAN_NFTABLES_CONF = "#!/usr/sbin/nft -f\n\nflush ruleset\n\ntable inet filter {\n  chain input {\n    type filter hook input priority filter;\n  }\n  chain forward {\n    type filter hook forward priority filter;\n  }\n  chain output {\n    type filter hook output priority filter;\n  }\n}\n";

// iptables-services' stock /etc/sysconfig/iptables (ip6tables the same with ipv6-icmp and icmp6-adm-prohibited): foreign rules to keep.
const elIptables = (icmp: string, reject: string) =>
  `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p ${icmp} -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT\n-A INPUT -j REJECT --reject-with ${reject}\n-A FORWARD -j REJECT --reject-with ${reject}\nCOMMIT\n`;

/** Make the machine's /etc look like a freshly installed server of `family` (the distribution's stock files). */
export function stockServer(machine: Machine, family: Family): void {
  if (family === "rhel") {
    // /etc/os-release is a symlink into /usr, which is not private: replace the link, never write through it.
    machine.must("mkdir -p /etc/sysconfig /etc/nftables && rm -f /etc/os-release /etc/nftables.conf && cat > /etc/os-release", EL_OS_RELEASE);
    machine.must("cat > /etc/sysconfig/nftables.conf", EL_NFTABLES_CONF);
    machine.must("cat > /etc/sysconfig/iptables", elIptables("icmp", "icmp-host-prohibited"));
    machine.must("cat > /etc/sysconfig/ip6tables", elIptables("ipv6-icmp", "icmp6-adm-prohibited"));
  } else {
    machine.must("cat > /etc/nftables.conf", DEBIAN_NFTABLES_CONF);
    machine.must("rm -rf /etc/iptables");
  }
}
