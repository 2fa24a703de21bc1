/**
 * Import another firewall's configuration into a profile: one importer per backend (in the
 * backend's folder), one shared mapping onto the catalog. Expected failures (unreadable input)
 * come back as values with a message naming the file and line.
 */
import type { Backend } from "../policy/schema";
import { importApf } from "../backends/apf/import";
import { importCsf } from "../backends/csf/import";
import { importFirewalld } from "../backends/firewalld/import";
import { importIptables } from "../backends/iptables/import";
import { importNftables } from "../backends/nftables/import";
import { importUfw } from "../backends/ufw/import";
import { buildDocument } from "./build";
import { ImportInputError, type ImportFile, type Importer, type ImportOptions, type ImportOutcome } from "./types";

export const IMPORTERS = {
  apf: importApf,
  csf: importCsf,
  firewalld: importFirewalld,
  iptables: importIptables,
  nftables: importNftables,
  ufw: importUfw,
} satisfies Record<Backend, Importer>;

export function importFirewall(kind: Backend, files: readonly ImportFile[], options: ImportOptions): ImportOutcome {
  const importer: Importer = IMPORTERS[kind];
  if (files.length === 0) return { ok: false, message: "No files to import." };
  try {
    const result = buildDocument(importer(files), options);
    const findings = [...result.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "warning" ? -1 : 1));
    return { ok: true, document: result.document, findings };
  } catch (error) {
    if (error instanceof ImportInputError) return { ok: false, message: error.message };
    throw error;
  }
}

export * from "./types";
export { buildDocument } from "./build";
