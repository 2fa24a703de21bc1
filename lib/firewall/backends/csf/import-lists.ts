/**
 * csf.allow / csf.deny: plain addresses and CIDRs, advanced filters
 * `proto|dir|s/d=port|s/d=ip`, trailing comments and `Include` lines (docs/backends.md §5).
 */
import { z } from "zod";
import { isCanonicalNetwork } from "../../address";
import type { PortRange } from "../../policy/schema";
import { baseName, fileLines, parsePortRange, parseSource, splitComment } from "../../import/text";
import type { Finding, ImportFile, Origin } from "../../import/types";

/** One understood line of a CSF list. */
export type CsfEntry =
  | { kind: "address"; address: string | "anyone"; comment: string; origin: Origin }
  | { kind: "filter"; filter: CsfFilter; comment: string; origin: Origin };

const filterSchema = z.object({
  protocol: z.enum(["tcp", "udp", "icmp"]),
  direction: z.enum(["in", "out"]),
  sourcePorts: z.array(z.custom<PortRange>()),
  destPorts: z.array(z.custom<PortRange>()),
  source: z.string().optional(),
  destination: z.string().optional(),
  user: z.string().optional(),
});
export type CsfFilter = z.infer<typeof filterSchema>;

const MAX_INCLUDE_DEPTH = 8;

/** `tcp|in|d=22|s=192.0.2.1`; null with a reason when a part is not understood. */
export function parseFilter(body: string): CsfFilter | string {
  const parts = body.split("|").map((p) => p.trim()).filter(Boolean);
  const draft: Record<string, unknown> = { protocol: "tcp", direction: "in", sourcePorts: [], destPorts: [] };
  if (/^(tcp|udp|icmp)$/i.test(parts[0] ?? "")) draft.protocol = parts.shift()?.toLowerCase();
  if (/^(in|out)$/i.test(parts[0] ?? "")) draft.direction = parts.shift()?.toLowerCase();
  for (const part of parts) {
    const m = /^([sdug])=(.+)$/i.exec(part);
    if (!m?.[1] || !m[2]) return `"${part.slice(0, 40)}" is not s=, d=, u= or g=`;
    const side = m[1].toLowerCase();
    if (side === "u" || side === "g") {
      draft.user = `${side}=${m[2]}`;
      continue;
    }
    const ports = m[2].split(",").map((p) => parsePortRange(p, "_:"));
    if (ports.every((p) => p !== null)) {
      draft[side === "s" ? "sourcePorts" : "destPorts"] = ports;
      continue;
    }
    const address = parseSource(m[2]);
    if (address === null) return `"${m[2].slice(0, 60)}" is neither a port list nor an address`;
    draft[side === "s" ? "source" : "destination"] = address;
  }
  const parsed = filterSchema.safeParse(draft);
  return parsed.success ? parsed.data : "the filter does not have the form protocol|direction|s/d=…";
}

/**
 * A line that is one canonical address, alone or followed by a `#` comment, as nearly every line
 * of a long csf.deny is (`192.0.2.7 # Portcullis blocked, do not delete`): what readCsfList makes
 * of it, told without its general reading. Null for any other line, and for one with the word
 * "Include" in its comment, which csf skips.
 */
export function plainEntry(line: string): { address: string; comment: string } | null {
  if (line.includes("Include")) return null;
  const space = line.indexOf(" ");
  const address = space === -1 ? line : line.slice(0, space);
  if (!isCanonicalNetwork(address)) return null;
  if (space === -1) return { address, comment: "" };
  const rest = line.slice(space).trimStart();
  return rest === "" ? { address, comment: "" } : rest.startsWith("#") ? { address, comment: rest.slice(1).trim() } : null;
}

/**
 * Every entry of a list file, following `Include` lines into the other given files (matched by
 * full path or base name). A missing or looping Include is a finding, never an error.
 */
export function readCsfList(file: ImportFile, all: readonly ImportFile[], findings: Finding[], depth = 0, seen = new Set<string>()): CsfEntry[] {
  seen.add(file.path);
  const out: CsfEntry[] = [];
  fileLines(file).forEach((raw, i) => {
    const origin = { file: file.path, line: i + 1 };
    const plain = plainEntry(raw);
    if (plain) return void out.push({ kind: "address", ...plain, origin });
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const include = /^Include\s+(\S+)\s*$/i.exec(line);
    if (include?.[1]) {
      const target = include[1];
      const found = all.find((f) => f.path === target) ?? all.find((f) => baseName(f.path) === baseName(target));
      if (!found) findings.push({ ...origin, severity: "warning", message: `Include ${target}: that file was not given, so its entries are not imported. Add it to the import.` });
      else if (seen.has(found.path) || depth >= MAX_INCLUDE_DEPTH) findings.push({ ...origin, severity: "warning", message: `Include ${target} loops back to a file already read; skipped.` });
      else out.push(...readCsfList(found, all, findings, depth + 1, seen));
      return;
    }
    // csf skips a line with the word anywhere, in a comment too, as it is written (`/^\s*\#|Include/`).
    if (line.includes("Include")) {
      findings.push({ ...origin, severity: "info", message: `CSF ignores any line with the word "Include" that is not an Include line (in a comment too); skipped as CSF does.` });
      return;
    }
    const { body, comment } = splitComment(line);
    if (body.includes("|")) {
      const filter = parseFilter(body);
      if (typeof filter === "string") findings.push({ ...origin, severity: "warning", message: `Advanced filter not understood (${filter}); not imported.` });
      else out.push({ kind: "filter", filter, comment, origin });
      return;
    }
    const address = parseSource(body);
    if (address === null) {
      findings.push({ ...origin, severity: "warning", message: `"${body.slice(0, 60)}" is not an IP address or CIDR (host names are resolved by csf only at start); not imported.` });
      return;
    }
    out.push({ kind: "address", address, comment, origin });
  });
  return out;
}
