/**
 * Which server an uploaded live file belongs to, for verifying many servers at once. A file is
 * named after its server by the Ansible play (`live/<host>.txt`, where <host> is the inventory name:
 * host name, else IPv4, else IPv6, else the profile name's slug) or by verify.sh itself
 * (`portcullis-live-<hostname>-<UTC time>.txt`); the file's own header names the host verify.sh ran
 * on. The file name is tried first, then the header; a file that fits no server, or several, is
 * reported and not verified, and so is every file when two name the same server.
 */
import { slugify } from "../bundle";

export type MatchServer = { id: string; name: string; hostname: string; ipv4: string; ipv6: string };
/** One uploaded file: its name, and the host its header names (null when it could not be read). */
export type LiveUpload = { fileName: string; host: string | null };
export type LiveMatch = { fileName: string; server: MatchServer | null; via: "file name" | "host in the file" | null; problem: string | null };

/** verify.sh's own file name: portcullis-live-<host>-<YYYYMMDD>T<HHMMSS>Z.txt */
const VERIFY_SH_NAME = /^portcullis-live-(.+)-\d{8}T\d{6}Z$/;

/** The host a file name stands for: the base name without `.txt` (and verify.sh's prefix and time). */
export function hostOfFileName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/\.txt$/i, "");
  return (VERIFY_SH_NAME.exec(base)?.[1] ?? base).toLowerCase();
}

/** Every name a server answers to in a file name: what the Ansible inventory calls it, and its other names. */
function namesOf(s: MatchServer): string[] {
  return [s.hostname, s.ipv4, s.ipv6, slugify(s.name), s.name].filter((n) => n !== "").map((n) => n.toLowerCase());
}

/** The servers one key names, each once (a server whose host name is also its name is listed twice). */
const lookup = (index: ReadonlyMap<string, MatchServer[]>, key: string): MatchServer[] => (key === "" ? [] : [...new Set(index.get(key) ?? [])]);

const names = (servers: readonly MatchServer[]) => servers.map((s) => s.name).sort().join(", ");

export function matchLiveFiles(uploads: readonly LiveUpload[], servers: readonly MatchServer[]): LiveMatch[] {
  const byName = new Map<string, MatchServer[]>();
  for (const s of servers) for (const n of namesOf(s)) byName.set(n, [...(byName.get(n) ?? []), s]);
  const byHostname = new Map<string, MatchServer[]>();
  for (const s of servers) if (s.hostname !== "") byHostname.set(s.hostname.toLowerCase(), [...(byHostname.get(s.hostname.toLowerCase()) ?? []), s]);

  const matches = uploads.map((u): LiveMatch => {
    const fromName = hostOfFileName(u.fileName);
    const named = lookup(byName, fromName);
    if (named.length === 1) return { fileName: u.fileName, server: named[0]!, via: "file name", problem: null };
    if (named.length > 1) return { fileName: u.fileName, server: null, via: null, problem: `The file name fits several servers (${names(named)}): name it after one server's host name or address.` };
    const host = (u.host ?? "").toLowerCase();
    const hosted = lookup(byHostname, host);
    if (hosted.length === 1) return { fileName: u.fileName, server: hosted[0]!, via: "host in the file", problem: null };
    if (hosted.length > 1) return { fileName: u.fileName, server: null, via: null, problem: `The host in the file, ${u.host}, is the host name of several servers (${names(hosted)}).` };
    const tried = [`"${fromName}" (from the file name)`, ...(host !== "" && host !== fromName ? [`"${host}" (the host in the file)`] : [])];
    return { fileName: u.fileName, server: null, via: null, problem: `No server here has the host name, address or name ${tried.join(" or ")}.` };
  });

  // Two files for one server: which is current is not the upload's to guess.
  const files = new Map<string, string[]>();
  for (const m of matches) if (m.server) files.set(m.server.id, [...(files.get(m.server.id) ?? []), m.fileName]);
  return matches.map((m) => {
    const same = m.server ? files.get(m.server.id)! : [];
    if (same.length < 2) return m;
    return { ...m, server: null, via: null, problem: `${same.join(", ")} are for the same server, ${m.server!.name}: upload one file per server.` };
  });
}
