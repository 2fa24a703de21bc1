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
import { canonicalUncoveredByAddress } from "../backends/shared/covered";
import { buildDocument } from "./build";
import { effectivePolicy, isIpv6, type Effective } from "./compare";
import { ImportInputError, type ImportedFirewall, type ImportFile, type Importer, type ImportOptions, type ImportOutcome } from "./types";

export const IMPORTERS = {
  apf: importApf,
  csf: importCsf,
  firewalld: importFirewalld,
  iptables: importIptables,
  nftables: importNftables,
  ufw: importUfw,
} satisfies Record<Backend, Importer>;

export function importFirewall(kind: Backend, files: readonly ImportFile[], options: ImportOptions): ImportOutcome {
  return parsed(kind, files, (fw) => {
    const result = buildDocument(fw, options);
    const findings = [...result.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "warning" ? -1 : 1));
    return { ok: true, document: result.document, findings };
  });
}

/** `then` on what the backend's importer understood of `files`; unreadable input as a value. */
function parsed<T>(kind: Backend, files: readonly ImportFile[], then: (fw: ImportedFirewall) => T): T | { ok: false; message: string } {
  const importer: Importer = IMPORTERS[kind];
  if (files.length === 0) return { ok: false, message: "No files to import." };
  try {
    return then(importer(files));
  } catch (error) {
    if (error instanceof ImportInputError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * What `files` let through (compare.ts), exactly as the profile importFirewall makes of them would:
 * for verify, which reads live files with 100,000 blocked entries and more. When every blocked
 * address (of the families the profile filters) is canonical, as the parsers write them, the
 * entries go from the parser straight into the effective list (canonicalUncoveredByAddress checks
 * them, drops repeats and orders them), past the profile's repeat check, validation and family
 * split, which were most of a big verification; a property test holds the two equal. Unlike a
 * profile, the list is not cut at 200,000 entries: a server blocking more is compared as it is.
 */
export function importEffective(kind: Backend, files: readonly ImportFile[], options: ImportOptions): { ok: true; effective: Effective } | { ok: false; message: string } {
  return parsed(kind, files, (fw) => {
    const { document } = buildDocument({ ...fw, blocked: [] }, options);
    const addresses = fw.blocked.map((b) => b.address);
    const blocked = canonicalUncoveredByAddress(document.policy.ipv6 ? addresses : addresses.filter((a) => !isIpv6(a)));
    if (blocked === null) return { ok: true, effective: effectivePolicy(buildDocument(fw, options).document) };
    return { ok: true, effective: { ...effectivePolicy(document), blocked } };
  });
}

export * from "./types";
export { buildDocument } from "./build";
