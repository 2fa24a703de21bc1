/**
 * The one table of operating-system facts: its name, its family (which decides every backend's
 * file locations and boot-time loading, see each backends/<id>/paths.ts), whether it ships
 * firewalld, and the firewall recommended there. cPanel recommends nftables on the EL family and
 * iptables on Ubuntu; Debian ships nftables as its default framework (docs/backends.md §0).
 */
import type { Backend, OperatingSystem } from "./policy/schema";

/** `el`: AlmaLinux, Rocky, CloudLinux (/etc/sysconfig, dnf); `debian`: Debian, Ubuntu (/etc/default, apt). */
export type OsFamily = "el" | "debian";

export type OsFacts = {
  label: string;
  family: OsFamily;
  /** The distribution installs and enables firewalld by default. */
  shipsFirewalld: boolean;
  recommendedBackend: Backend;
};

export const OS_TABLE = {
  almalinux: { label: "AlmaLinux", family: "el", shipsFirewalld: true, recommendedBackend: "nftables" },
  rocky: { label: "Rocky Linux", family: "el", shipsFirewalld: true, recommendedBackend: "nftables" },
  cloudlinux: { label: "CloudLinux", family: "el", shipsFirewalld: true, recommendedBackend: "nftables" },
  ubuntu: { label: "Ubuntu", family: "debian", shipsFirewalld: false, recommendedBackend: "iptables" },
  debian: { label: "Debian", family: "debian", shipsFirewalld: false, recommendedBackend: "nftables" },
} as const satisfies Record<OperatingSystem, OsFacts>;

export function osFamily(os: OperatingSystem): OsFamily {
  return OS_TABLE[os].family;
}

export function osLabel(os: OperatingSystem): string {
  return OS_TABLE[os].label;
}
