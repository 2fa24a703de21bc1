/**
 * The server list's search box, parsed into plain criteria (pure; the data layer turns them into
 * SQL). The grammar, also in README.md ("Searching the fleet"): words separated by spaces, all of
 * which must hold.
 *
 *   192.0.2.7 · 2001:DB8::1     a server with this address (any valid spelling; IPv6 is canonicalised)
 *   192.0.2.0/24 · 2001:db8::/32   a server whose address is inside this network
 *   port 2087 · 2087 · 2082-2087 · 53/udp   a server whose rules let this port (or any of the range) in
 *   mysql · whm-ssl · ssh        a catalog service (its id), when the search is about exposure
 *   open · exposed              an exposure search (inbound allowed from some source)
 *   anyone · to anyone · public · world   only what is open to every address
 *   tcp · udp · ipv4 · ipv6      narrow an exposure search to one protocol or address family
 *   anything else               a part of the name or host name
 *
 * A search is about exposure when it names a port or says open/exposed/anyone/public; then service
 * ids and the protocol and family words are read as such, otherwise they are name words. A service
 * matches its catalog rows and any rule on its catalog port (a custom rule opening 3306 counts as
 * MySQL); SSH matches by service only, since its port is each server's own.
 */
import { CATALOGS } from "@/lib/firewall/catalog";
import type { Family } from "@/lib/firewall/address";
import type { Protocol } from "@/lib/firewall/policy/resolve";
import { addressRange, type AddressRange } from "./address-key";

export const SEARCH_MAX = 200;

export type PortSpan = { from: number; to: number };

export type ExposureCriteria = {
  /** The ports searched for: typed, or the service's catalog port (null for SSH, whose port varies). */
  ports: PortSpan | null;
  service: string | null;
  protocol: Protocol | null;
  family: Family | null;
  anyone: boolean;
};

export type FleetSearch = { words: string[]; address: AddressRange | null; exposure: ExposureCriteria | null };

export type SearchParse = { ok: true; value: FleetSearch } | { ok: false; error: string };

export const EMPTY_SEARCH: FleetSearch = { words: [], address: null, exposure: null };

const PORT = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/;
const ADDRESS_LIKE = /^(?:[0-9a-f]*:[0-9a-f:.]*|\d+(?:\.\d+)+)(?:\/\d*)?$/i;
const MARKERS = new Set(["open", "exposed", "anyone", "everyone", "public", "world", "port"]);
const ANYONE = new Set(["anyone", "everyone", "public", "world"]);
const FILLERS = new Set(["to", "the", "is", "by"]);

/** Every catalog service id with its port (the first catalog that has it). */
const SERVICES = new Map<string, { ports: PortSpan | null }>();
for (const catalog of Object.values(CATALOGS)) {
  for (const s of catalog.services) {
    if (!SERVICES.has(s.id)) SERVICES.set(s.id, { ports: s.isSsh ? null : { from: s.port.from, to: s.port.to } });
  }
}

function parsePort(token: string): { ok: true; span: PortSpan; protocol: Protocol | null } | { ok: false; error: string } | null {
  const m = PORT.exec(token);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to > 65535 || from > 65535) return { ok: false, error: `"${token}": ports are 1 to 65535.` };
  if (to < from) return { ok: false, error: `"${token}": a range goes from the lower port to the higher one.` };
  return { ok: true, span: { from, to }, protocol: (m[3] as Protocol | undefined) ?? null };
}

/** Parses the search box; an error names the word at fault and what would be understood. */
export function parseFleetSearch(input: string): SearchParse {
  const text = input.trim();
  if (text.length > SEARCH_MAX) return { ok: false, error: `Search with at most ${SEARCH_MAX} characters.` };
  const tokens = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: true, value: EMPTY_SEARCH };
  const aboutExposure = tokens.some((t) => MARKERS.has(t) || PORT.test(t));

  const words: string[] = [];
  let address: AddressRange | null = null;
  let ports: PortSpan | null = null;
  let service: string | null = null;
  let protocol: Protocol | null = null;
  let family: Family | null = null;
  let anyone = false;
  let wantsPort = false;
  for (const token of tokens) {
    if (ADDRESS_LIKE.test(token) && !PORT.test(token)) {
      const range = addressRange(token);
      if (!range.ok) return { ok: false, error: `${range.error} For a network, give its CIDR, e.g. 192.0.2.0/24.` };
      if (address) return { ok: false, error: `Search for one address or network at a time ("${address.text}" and "${range.value.text}").` };
      address = range.value;
      continue;
    }
    const port = parsePort(token);
    if (port) {
      if (!port.ok) return port;
      if (ports || service) return { ok: false, error: `Search for one port or service at a time ("${token}" is the second).` };
      ports = port.span;
      protocol = port.protocol ?? protocol;
      wantsPort = false;
      continue;
    }
    if (wantsPort) return { ok: false, error: `"port" needs a number after it, e.g. port 2087 or port 2082-2087.` };
    if (token === "port") {
      wantsPort = true;
      continue;
    }
    if (aboutExposure) {
      if (token === "open" || token === "exposed" || FILLERS.has(token)) continue;
      if (ANYONE.has(token)) { anyone = true; continue; }
      if (token === "tcp" || token === "udp") { protocol = token; continue; }
      if (token === "ipv4" || token === "ipv6") { family = token; continue; }
      const known = SERVICES.get(token);
      if (known) {
        if (ports || service) return { ok: false, error: `Search for one port or service at a time ("${token}" is the second).` };
        service = token;
        ports = known.ports;
        continue;
      }
    }
    words.push(token);
  }
  if (wantsPort) return { ok: false, error: `"port" needs a number after it, e.g. port 2087 or port 2082-2087.` };
  if (aboutExposure && !ports && !service) {
    return { ok: false, error: `Say which port or service is open, e.g. "3306 open to anyone", "port 2087" or "mysql open".` };
  }
  const exposure = aboutExposure ? { ports, service, protocol, family, anyone } : null;
  return { ok: true, value: { words, address, exposure } };
}
