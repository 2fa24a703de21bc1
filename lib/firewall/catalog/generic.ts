/**
 * Panel "other": a plain Linux web/mail host. No vendor table exists, so every row is ours
 * (`source: "extra"`). The rows are froxlor's standard services, which carry no froxlor-specific
 * behaviour, minus FTP; time sync and resolver lookups are always allowed outbound by the
 * resolver (ESSENTIAL_OUTBOUND), so they need no row.
 */
import { FROXLOR_CATALOG } from "./froxlor";
import type { Catalog, CatalogService } from "./types";

const GENERIC_IDS = ["ssh", "smtp", "dns", "http", "pop3", "imap", "https", "smtps", "submission", "imaps", "pop3s", "mysql"];

const NOTE_OVERRIDES: Record<string, string> = {
  https: "Websites over TLS; outbound, package updates and certificate requests use it.",
  http: "Websites without TLS; keep it for redirects to HTTPS and certificate validation.",
  dns: "Nameservice for domains this server is authoritative for.",
};

function asGeneric(service: CatalogService): CatalogService {
  return { ...service, source: "extra", note: NOTE_OVERRIDES[service.id] ?? service.note };
}

export const GENERIC_CATALOG: Catalog = {
  panel: "other",
  label: "Other (plain Linux host)",
  services: FROXLOR_CATALOG.services.filter((s) => GENERIC_IDS.includes(s.id)).map(asGeneric),
};
