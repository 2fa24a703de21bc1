/**
 * The operating systems and control panels a profile can name: one table each, keyed by the id
 * the profile stores. Everything else (schemas, selects, warnings, every backend's file locations)
 * derives from these. Per OS: the label people read, the family (which decides each backend's paths
 * and boot-time loading, see backends/<id>/paths.ts), whether it ships firewalld, and the firewall
 * recommended there: cPanel recommends nftables on the EL family and iptables on Ubuntu; Debian
 * ships nftables as its default framework (docs/backends.md §0).
 */
import type { Backend } from "./schema";

/** `rhel`: AlmaLinux, Rocky, CloudLinux (/etc/sysconfig, dnf); `debian`: Debian, Ubuntu (/etc/default, apt). */
export type OsFamily = "rhel" | "debian";

export type OsFacts = {
  label: string;
  family: OsFamily;
  /** The distribution installs and enables firewalld by default. */
  shipsFirewalld: boolean;
  recommendedBackend: Backend;
};

export const OS_TABLE = {
  almalinux: { label: "AlmaLinux", family: "rhel", shipsFirewalld: true, recommendedBackend: "nftables" },
  rocky: { label: "Rocky Linux", family: "rhel", shipsFirewalld: true, recommendedBackend: "nftables" },
  cloudlinux: { label: "CloudLinux", family: "rhel", shipsFirewalld: true, recommendedBackend: "nftables" },
  ubuntu: { label: "Ubuntu", family: "debian", shipsFirewalld: false, recommendedBackend: "iptables" },
  debian: { label: "Debian", family: "debian", shipsFirewalld: false, recommendedBackend: "nftables" },
} as const satisfies Record<string, OsFacts>;

export const PANEL_TABLE = {
  cpanel: { label: "cPanel & WHM" },
  froxlor: { label: "froxlor" },
  other: { label: "Other" },
} as const satisfies Record<string, { label: string }>;

export type OperatingSystem = keyof typeof OS_TABLE;
export type Panel = keyof typeof PANEL_TABLE;

export const OPERATING_SYSTEMS = Object.keys(OS_TABLE) as [OperatingSystem, ...OperatingSystem[]];
export const PANELS = Object.keys(PANEL_TABLE) as [Panel, ...Panel[]];

export function osFamily(os: OperatingSystem): OsFamily {
  return OS_TABLE[os].family;
}

/** The label of an OS id; an id the table does not know (an old record) is shown as stored. */
export function osLabel(os: string): string {
  return (OS_TABLE as Record<string, { label: string }>)[os]?.label ?? os;
}

export function panelLabel(panel: string): string {
  return (PANEL_TABLE as Record<string, { label: string }>)[panel]?.label ?? panel;
}
