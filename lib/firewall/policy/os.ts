/**
 * The operating systems and control panels a profile can name: one table each, keyed by the id
 * the profile stores, with the label people read. Everything else (schemas, selects, warnings)
 * derives its list from these.
 */

/** `family` groups systems that share package tools, paths and the firewall they ship. */
export const OS_TABLE = {
  almalinux: { label: "AlmaLinux", family: "rhel" },
  rocky: { label: "Rocky Linux", family: "rhel" },
  cloudlinux: { label: "CloudLinux", family: "rhel" },
  ubuntu: { label: "Ubuntu", family: "debian" },
  debian: { label: "Debian", family: "debian" },
} as const satisfies Record<string, { label: string; family: "rhel" | "debian" }>;

export const PANEL_TABLE = {
  cpanel: { label: "cPanel & WHM" },
  froxlor: { label: "froxlor" },
  other: { label: "Other" },
} as const satisfies Record<string, { label: string }>;

export type OperatingSystem = keyof typeof OS_TABLE;
export type Panel = keyof typeof PANEL_TABLE;

export const OPERATING_SYSTEMS = Object.keys(OS_TABLE) as [OperatingSystem, ...OperatingSystem[]];
export const PANELS = Object.keys(PANEL_TABLE) as [Panel, ...Panel[]];

/** The label of an OS id; an id the table does not know (an old record) is shown as stored. */
export function osLabel(os: string): string {
  return (OS_TABLE as Record<string, { label: string }>)[os]?.label ?? os;
}

export function panelLabel(panel: string): string {
  return (PANEL_TABLE as Record<string, { label: string }>)[panel]?.label ?? panel;
}
