/**
 * CSF's files, one address family at a time (docs/backends.md §16.2). csf loads `TCP_IN`, `UDP_IN`,
 * `TCP_OUT`, `UDP_OUT` into iptables and the `*6_*` lists into ip6tables (only with `IPV6 = "1"`),
 * and each csf.allow/csf.deny entry into the table of its address's family. The importer fits both
 * families into one profile (the IPv4 lists win), so verify reads each family on its own: a port
 * taken out of TCP_IN alone is then named missing on IPv4, not on both (found with real csf 15.11).
 */
import { baseName } from "../../import/text";
import type { ImportFile } from "../../import/types";
import { plainEntry } from "./import-lists";

export type Family = "IPv4" | "IPv6";

const LISTS = ["TCP_IN", "UDP_IN", "TCP_OUT", "UDP_OUT"] as const;
const setting = (text: string, key: string) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(text)?.[1];

/** csf.conf with the port lists of `family` in the plain keys, which the importer reads for both. */
function familyConf(text: string, family: Family): string {
  let out = text;
  for (const key of LISTS) {
    const v6key = key.replace("_", "6_");
    const value = setting(text, family === "IPv6" ? v6key : key) ?? "";
    for (const k of [key, v6key]) out = out.replace(new RegExp(`^(\\s*${k}\\s*=\\s*)"[^"]*"`, "m"), `$1"${value}"`);
  }
  return out;
}

const ADDRESS = /^[0-9a-f:.]+(\/\d+)?$/i;
const isAddress = (f: string) => ADDRESS.test(f) && (f.includes(".") || f.includes(":"));
const familyOf = (address: string): Family => (address.includes(":") ? "IPv6" : "IPv4");

/** The family of an allow/deny entry's address, or null for an entry without one (u=/g= filters). */
export function entryFamily(line: string): Family | null {
  const entry = /^\S*/.exec(line.trim())?.[0] ?? "";
  // A plain address, as nearly every line of a long csf.deny is.
  if (!entry.includes("|") && !entry.includes("=")) return isAddress(entry) ? familyOf(entry) : null;
  // A filter's fields are split at `|`; without one, csf turns every `:` into `|` (so no IPv6 there).
  const fields = entry.includes("|") ? entry.split("|") : entry.split(":");
  const address = fields.map((f) => f.replace(/^[sd]=/i, "")).find(isAddress);
  return address === undefined ? null : familyOf(address);
}

/** An allow/deny list keeping comments, Include lines and the entries csf loads for `family`. */
function familyEntries(text: string, family: Family): string {
  const v6 = family === "IPv6";
  return text.split("\n").filter((l) => {
    // An address and perhaps a comment, as nearly every line of a long csf.deny is: what the rest says of it.
    const plain = plainEntry(l);
    if (plain) return plain.address.includes(":") === v6;
    const t = l.trim();
    // csf skips any line with "Include" in it (case-sensitive) unless it is an Include line.
    if (t === "" || t.startsWith("#") || t.includes("Include")) return true;
    const f = entryFamily(t);
    return f === null || f === family;
  }).join("\n");
}

/**
 * The files as a server holds them: a rendered bundle's portcullis.conf is read as csf.conf, its
 * portcullis.allow/.deny as the lists (apply.sh Includes them), so both sides use one reader.
 */
function asServer(files: readonly ImportFile[]): ImportFile[] {
  if (files.some((f) => baseName(f.path) === "csf.conf")) return [...files];
  const renamed: Record<string, string> = { "portcullis.conf": "csf.conf", "portcullis.allow": "csf.allow", "portcullis.deny": "csf.deny" };
  return files.map((f) => ({ ...f, path: renamed[baseName(f.path)] ?? f.path }));
}

/** One family's CSF files; none for IPv6 when csf.conf leaves ip6tables alone (`IPV6` not 1). */
export function csfFamilyFiles(files: readonly ImportFile[], family: Family): ImportFile[] {
  const server = asServer(files);
  const conf = server.find((f) => baseName(f.path) === "csf.conf");
  if (!conf) return [];
  if (family === "IPv6" && setting(conf.text, "IPV6") !== "1") return [];
  return server.map((f) => (f === conf ? { ...f, text: familyConf(f.text, family) } : /\.(allow|deny)$/.test(f.path) ? { ...f, text: familyEntries(f.text, family) } : f));
}
