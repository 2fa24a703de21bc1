/**
 * The service catalogs and presets, looked up by panel. Everything here is static data; the
 * profile refers to catalog rows by id, so ids are a stable public contract.
 */
import type { Panel } from "../policy/schema";
import { CPANEL_CATALOG } from "./cpanel";
import { FROXLOR_CATALOG } from "./froxlor";
import { GENERIC_CATALOG } from "./generic";
import type { Catalog, CatalogService } from "./types";

export const CATALOGS = {
  cpanel: CPANEL_CATALOG,
  froxlor: FROXLOR_CATALOG,
  other: GENERIC_CATALOG,
} satisfies Record<Panel, Catalog>;

export function getCatalog(panel: Panel): Catalog {
  return CATALOGS[panel];
}

export function findService(catalog: Catalog, id: string): CatalogService | undefined {
  return catalog.services.find((s) => s.id === id);
}

/**
 * cPanel's license callback tries these ports inbound, in this order, until one answers; at least
 * one must be reachable from the license servers.
 */
export const LICENSE_CALLBACK_PORTS: readonly number[] = CPANEL_CATALOG.services
  .filter((s) => s.licenseCallback)
  .map((s) => s.port.from);

export { CPANEL_CATALOG, FROXLOR_CATALOG, GENERIC_CATALOG };
export { EXIM_REVERSE_DNS_MODES, eximReverseDnsAcl, type EximReverseDnsMode } from "./exim";
export * from "./presets";
export * from "./types";
