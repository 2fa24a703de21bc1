import type { OperatingSystem, Panel, PortRange } from "../policy/schema";

export const CATEGORIES = ["panel", "web", "mail", "ftp", "dns", "database", "spam", "licensing", "system"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  panel: "Panel",
  web: "Web",
  mail: "Mail",
  ftp: "FTP",
  dns: "DNS",
  database: "Database",
  spam: "Spam filtering",
  licensing: "Licensing",
  system: "System",
};

/**
 * One row of a panel's port table. The flags are the table's own columns, kept verbatim so the
 * catalog can be checked row by row against the source; `defaults` is what a new profile starts with.
 */
export type CatalogService = {
  /** Stable id, `[a-z][a-z0-9-]*`, used as the key in a policy's `services`. */
  id: string;
  name: string;
  port: PortRange;
  /** The source table's columns. */
  flags: { tcp: boolean; udp: boolean; inbound: boolean; outbound: boolean; localhost: boolean };
  category: Category;
  /** Short note in our own words. */
  note: string;
  /**
   * Where the row comes from: the panel's own port table ("table", the default when absent), or
   * added by us because the panel needs it but the table leaves it out ("extra", e.g. the FTP
   * passive range). Row-by-row checks against the table skip "extra" rows.
   */
  source?: "table" | "extra";
  /** Why the row is modelled differently from its flags, where the table is odd (953, 579, ...). */
  modelling?: string;
  /** Id of the TLS/secure service that replaces this plaintext one. */
  secureTwin?: string;
  /** Member of cPanel's license-callback group (at least one must be reachable inbound). */
  licenseCallback?: boolean;
  /** Only meaningful on these operating systems. */
  onlyOn?: OperatingSystem[];
  /** Port range the user may change (FTP passive range). */
  configurableRange?: boolean;
  /** Needs an optional plugin or a setting before anything listens (2091, 26, 2195). */
  optional?: string;
  /** The port follows the profile's SSH port. */
  isSsh?: boolean;
  /**
   * An administrator's login (SSH, WHM): starts limited to the server's administrator sources when
   * it lists any, and open to anyone is then a warning. froxlor's panel shares HTTPS 443 with the
   * websites, so it cannot be limited this way.
   */
  isAdminLogin?: boolean;
  defaults: {
    enabled: boolean;
    tcp: boolean;
    udp: boolean;
    inbound: boolean;
    outbound: boolean;
    localhostOnly: boolean;
    access?: "anyone" | "admins";
  };
};

export type Catalog = { panel: Panel; label: string; services: CatalogService[] };

/** A named list of addresses a user can add as sources (e.g. a vendor's scanners). */
export type TrustedPreset = { id: string; label: string; description: string; addresses: string[] };
