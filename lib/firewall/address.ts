/**
 * IP addresses and networks as the product stores them: parsed with ipaddr.js, checked strictly,
 * and re-serialised in one canonical form. Rule files only ever receive these canonical strings,
 * never what the user typed.
 */
import ipaddr from "ipaddr.js";
import { z } from "zod";

export type Family = "ipv4" | "ipv6";

export type Network = {
  family: Family;
  /** Canonical text: `192.0.2.7`, `192.0.2.0/24`, `2001:db8::1`, `2001:db8::/32` (a full-length prefix is omitted). */
  text: string;
  prefix: number;
  /** First and last address as bigint, for containment and overlap checks. */
  first: bigint;
  last: bigint;
};

/** The part of a network that containment and overlap checks need. */
export type Bounds = Pick<Network, "family" | "first" | "last">;

export type ParseResult = { ok: true; value: Network } | { ok: false; error: string };

const MAX_INPUT = 64;
const IPV4_STRICT = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

/**
 * Parse an address or CIDR. Rejects what would be ambiguous in a rule file: octal-looking IPv4
 * octets, IPv6 zone ids, IPv4-mapped IPv6, host bits set under a prefix (the error suggests the
 * network), and /0 unless `allowZeroPrefix` is set (a /0 means "everyone", rarely what was meant).
 */
export function parseNetwork(input: string, options: { allowZeroPrefix?: boolean } = {}): ParseResult {
  const raw = input.trim();
  if (raw === "") return { ok: false, error: "Enter an IP address or network (CIDR)." };
  if (raw.length > MAX_INPUT) return { ok: false, error: "Too long to be an IP address or network." };
  if (raw.includes("%")) return { ok: false, error: `"${clip(raw)}" has a zone id (%…); use a plain address.` };

  const slash = raw.indexOf("/");
  const addrText = slash === -1 ? raw : raw.slice(0, slash);
  const prefixText = slash === -1 ? null : raw.slice(slash + 1);

  // Canonical IPv6 (what the schema stores, so most of a 100k blocklist) skips ipaddr.js: its
  // groups are read directly, and the text is already what ipaddr.js would print.
  let parts = canonicalIpv6Groups(addrText);
  let v6Text = addrText;
  if (!parts && !IPV4_STRICT.test(addrText)) {
    // One parse (IPv6.isValid would parse a second time); it throws on anything invalid.
    let v6: ipaddr.IPv6 | undefined;
    try {
      v6 = addrText.includes(":") ? ipaddr.IPv6.parse(addrText) : undefined;
    } catch {
      v6 = undefined;
    }
    if (!v6) return { ok: false, error: `"${clip(raw)}" is not a valid IPv4 or IPv6 address.` };
    if (v6.isIPv4MappedAddress()) {
      return { ok: false, error: `"${clip(raw)}" is an IPv4-mapped IPv6 address; enter ${v6.toIPv4Address().toString()} instead.` };
    }
    parts = v6.parts;
    v6Text = v6.toString();
  }
  const family: Family = parts ? "ipv6" : "ipv4";

  const bits = family === "ipv4" ? 32 : 128;
  let prefix = bits;
  if (prefixText !== null) {
    if (!PREFIX.test(prefixText) || Number(prefixText) > bits) {
      return { ok: false, error: `"${clip(raw)}" has an invalid prefix length (0–${bits} for ${family === "ipv4" ? "IPv4" : "IPv6"}).` };
    }
    prefix = Number(prefixText);
  }
  if (prefix === 0 && !options.allowZeroPrefix) {
    return { ok: false, error: `"${clip(raw)}" would match every address; leave the sources empty to mean "anyone".` };
  }

  // Blocklists run to 200,000 entries, so the value is built with one BigInt conversion
  // (IPv4 in plain numbers, IPv6 from one hex string) rather than byte by byte.
  const value = parts ? BigInt(`0x${parts.map((p) => p.toString(16).padStart(4, "0")).join("")}`) : BigInt(ipv4Number(addrText));
  const hostBits = BigInt(bits - prefix);
  const mask = ((1n << hostBits) - 1n);
  const first = value & ~mask;
  if (first !== value) {
    const network = format(family, first, prefix);
    return { ok: false, error: `"${clip(raw)}" has host bits set; the network is ${network}.` };
  }
  // Without host bits the parsed address already is the network: no need to format it again.
  // IPV4_STRICT admits no leading zeros, so a dotted quad that passed it is already canonical.
  const text = prefix === bits ? (parts ? v6Text : addrText) : `${parts ? v6Text : addrText}/${prefix}`;
  return { ok: true, value: { family, text, prefix, first, last: first | mask } };
}


/**
 * The eight groups of an IPv6 address written exactly as {@link formatIpv6} writes it (RFC 5952:
 * lower case, no leading zeros, the longest run of two or more zero groups, leftmost on a tie, as
 * `::`), else null. IPv4-mapped addresses are left to the strict parser (it names the IPv4 form).
 */
export function canonicalIpv6Groups(text: string): number[] | null {
  const groups = new Uint16Array(8);
  return readCanonicalIpv6(text, text.length, groups, 0) ? Array.from(groups) : null;
}

/**
 * {@link canonicalIpv6Groups} of `text` before `end`, written into `out` from `at` (eight groups);
 * false when it is not canonical (`out` then holds anything). One pass over the characters and no
 * allocation: a 200,000-entry blocklist is read this way on every parse.
 */
function readCanonicalIpv6(text: string, end: number, out: Uint16Array, at: number): boolean {
  if (end < 2 || end > 39) return false;
  let count = 0;
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return false;
    gap = 0;
    i = 2;
  }
  while (i < end) {
    let value = 0;
    let length = 0;
    let leading = 0;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (digit === -1) break;
      if (length === 0) leading = digit;
      value = value * 16 + digit;
      length++;
    }
    if (length === 0 || length > 4 || (length > 1 && leading === 0) || count === 8) return false;
    out[at + count++] = value;
    if (i === end) break;
    if (text.charCodeAt(i) !== COLON || ++i === end) return false;
    if (text.charCodeAt(i) === COLON) {
      if (gap !== -1) return false;
      gap = count;
      i++;
    }
  }
  const missing = 8 - count;
  if (gap === -1 ? missing !== 0 : missing < 2) return false;
  if (gap !== -1) {
    // The groups after `::` move to the end; the elided zeros fill the gap.
    for (let g = count - 1; g >= gap; g--) out[at + g + missing] = out[at + g]!;
    out.fill(0, at + gap, at + gap + missing);
  }
  // Canonical only if the elided run is the longest run of two or more zero groups, leftmost on a tie.
  let runStart = -1;
  let runLength = 1;
  for (let g = 0; g < 8; ) {
    if (out[at + g] !== 0) {
      g++;
      continue;
    }
    let h = g;
    while (h < 8 && out[at + h] === 0) h++;
    if (h - g > runLength) {
      runStart = g;
      runLength = h - g;
    }
    g = h;
  }
  if (gap === -1 ? runStart !== -1 : runStart !== gap || runLength !== missing) return false;
  return !(out[at + 5] === 0xffff && out[at] === 0 && out[at + 1] === 0 && out[at + 2] === 0 && out[at + 3] === 0 && out[at + 4] === 0);
}

const COLON = 58;

/** The leftmost longest run of two or more zero groups (start -1: none), for formatIpv6. */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let start = -1;
  let length = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > length) {
      start = i;
      length = j - i;
    }
    i = j;
  }
  return { start, length };
}

/** Eight 16-bit groups in RFC 5952 form, as ipaddr.js's `toString` writes them. */
export function formatIpv6(groups: readonly number[]): string {
  const { start, length } = longestZeroRun(groups);
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(":");
  return start === -1 ? hex(0, 8) : `${hex(0, start)}::${hex(start + length, 8)}`;
}

/**
 * The value of the dotted quad in `text` before `end`, written as the strict parser writes it
 * (four octets of at most 255, no leading zeros), else -1. One pass over the characters, no
 * regular expression or split: a 100,000-entry blocklist is checked this way on every import.
 */
function canonicalDottedQuad(text: string, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + c - 48;
      if (octet > 255) return -1;
      digits++;
    } else return -1;
  }
  return digits === 0 || dots !== 3 ? -1 : value * 256 + octet;
}

/** `text[from..]` as a prefix from 1 to `max - 1` written without a leading zero, else -1. */
function shortPrefix(text: string, from: number, max: number): number {
  const length = text.length - from;
  if (length < 1 || length > 3) return -1;
  let value = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57 || (i === from && c === 48)) return -1;
    value = value * 10 + c - 48;
  }
  return value < max ? value : -1;
}

/**
 * An IPv4 network exactly as {@link parseNetwork} writes it (no host bits, no /32 or /0) as its
 * first address × 64 + prefix (exact in a double), else -1.
 */
export function canonicalIpv4Network(text: string): number {
  const slash = text.indexOf("/");
  const value = canonicalDottedQuad(text, slash === -1 ? text.length : slash);
  if (value === -1) return -1;
  if (slash === -1) return value * 64 + 32;
  const prefix = shortPrefix(text, slash + 1, 32);
  return prefix !== -1 && value % 2 ** (32 - prefix) === 0 ? value * 64 + prefix : -1;
}

/**
 * An IPv6 network exactly as {@link parseNetwork} writes it (no host bits, no /128 or /0): its
 * groups written into `out` from `at`, its prefix returned; -1 for anything else.
 */
export function canonicalIpv6Network(text: string, out: Uint16Array, at: number): number {
  const slash = text.indexOf("/");
  if (!readCanonicalIpv6(text, slash === -1 ? text.length : slash, out, at)) return -1;
  if (slash === -1) return 128;
  const prefix = shortPrefix(text, slash + 1, 128);
  if (prefix === -1) return -1;
  for (let i = 0; i < 8; i++) {
    const hostBits = Math.min(16, Math.max(0, 16 * (i + 1) - prefix));
    if (hostBits > 0 && (out[at + i]! & ((1 << hostBits) - 1)) !== 0) return -1;
  }
  return prefix;
}

const scratchGroups = new Uint16Array(8);

/**
 * True when `text` is exactly what {@link parseNetwork} would return for it (a valid network in
 * canonical form: no host bits, no full-length or zero prefix). A check by hand, without BigInt,
 * ipaddr.js, a regular expression or an allocation, so validating a 100,000-entry blocklist costs
 * little; anything else takes the strict parser, which words the error.
 */
export function isCanonicalNetwork(text: string): boolean {
  return text.indexOf(".") !== -1 ? canonicalIpv4Network(text) !== -1 : canonicalIpv6Network(text, scratchGroups, 0) !== -1;
}

/** Dotted quad (already checked by IPV4_STRICT) as an unsigned 32-bit number. */
function ipv4Number(text: string): number {
  let n = 0;
  for (const octet of text.split(".")) n = n * 256 + Number(octet);
  return n;
}

function format(family: Family, first: bigint, prefix: number): string {
  let addr: string;
  if (family === "ipv4") {
    const n = Number(first);
    addr = `${Math.floor(n / 16777216)}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
  } else {
    const hex = first.toString(16).padStart(32, "0");
    const parts: number[] = [];
    for (let i = 0; i < 32; i += 4) parts.push(parseInt(hex.slice(i, i + 4), 16));
    addr = new ipaddr.IPv6(parts).toString();
  }
  return prefix === (family === "ipv4" ? 32 : 128) ? addr : `${addr}/${prefix}`;
}

function clip(s: string): string {
  return s.length > 45 ? `${s.slice(0, 45)}…` : s;
}

/** Parse or throw; for values already validated by {@link networkSchema}. */
export function toNetwork(text: string): Network {
  const r = parseNetwork(text, { allowZeroPrefix: true });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const CANONICAL_V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;
const CANONICAL_V6 = /^[0-9a-f:]{2,39}(?:\/\d{1,3})?$/;

/**
 * First and last address of a network given in the canonical form the schema stores (what rule
 * sets carry), computed without the strict parser: renderers compare blocklists of up to
 * 200,000 entries on every render. Anything not of that form goes through {@link toNetwork}.
 */
export function networkBounds(text: string): Bounds {
  const v4 = CANONICAL_V4.exec(text);
  if (v4) {
    const value = ((Number(v4[1]) * 256 + Number(v4[2])) * 256 + Number(v4[3])) * 256 + Number(v4[4]);
    const size = 2 ** (32 - Number(v4[5] ?? 32));
    return { family: "ipv4", first: BigInt(value), last: BigInt(value + size - 1) };
  }
  if (CANONICAL_V6.test(text)) {
    const [addr = "", prefix = "128"] = text.split("/");
    const halves = addr.split("::");
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    const groups = halves.length === 2 ? [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail] : head;
    if (halves.length <= 2 && groups.length === 8 && groups.every((g) => g.length >= 1 && g.length <= 4)) {
      const first = BigInt(`0x${groups.map((g) => g.padStart(4, "0")).join("")}`);
      return { family: "ipv6", first, last: first | ((1n << BigInt(128 - Number(prefix))) - 1n) };
    }
  }
  return toNetwork(text);
}

/**
 * First and last address of an IPv4 network in the canonical form, as numbers (no BigInt); null
 * for anything else. For comparisons over 100,000 entries, where networkBounds' BigInts cost.
 */
export function ipv4Span(text: string): [number, number] | null {
  const v4 = CANONICAL_V4.exec(text);
  if (!v4) return null;
  const first = ((Number(v4[1]) * 256 + Number(v4[2])) * 256 + Number(v4[3])) * 256 + Number(v4[4]);
  return [first, first + 2 ** (32 - Number(v4[5] ?? 32)) - 1];
}

/**
 * First and last address of an IPv6 network in the canonical form, each as eight 16-bit groups;
 * null for anything else. The same use as ipv4Span: no BigInt per entry.
 */
export function ipv6Span(text: string): [number[], number[]] | null {
  const slash = text.indexOf("/");
  const first = canonicalIpv6Groups(slash === -1 ? text : text.slice(0, slash));
  if (!first) return null;
  const prefix = slash === -1 ? 128 : Number(text.slice(slash + 1));
  if (!(prefix >= 0 && prefix <= 128)) return null;
  // The host bits of each group set (canonical: they are clear in `first`).
  return [first, first.map((g, i) => g | (0xffff >>> Math.max(0, Math.min(16, prefix - 16 * i))))];
}

export function familyOf(text: string): Family {
  return text.includes(":") ? "ipv6" : "ipv4";
}

/** True when `outer` contains every address of `inner` (same family). */
export function contains(outer: Network, inner: Network): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps(a: Network, b: Network): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** A zod string that parses as an address/CIDR and comes out canonical. */
export const networkSchema = z.string().transform((value, ctx) => {
  if (isCanonicalNetwork(value)) return value;
  const r = parseNetwork(value);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.error });
    return z.NEVER;
  }
  return r.value.text;
});

/** A single host address (no prefix other than /32 or /128). */
export const hostAddressSchema = (family: Family) =>
  z.string().transform((value, ctx) => {
    const r = parseNetwork(value);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    const full = r.value.family === "ipv4" ? 32 : 128;
    if (r.value.family !== family || r.value.prefix !== full) {
      ctx.addIssue({ code: "custom", message: `Enter a single ${family === "ipv4" ? "IPv4" : "IPv6"} address.` });
      return z.NEVER;
    }
    return r.value.text;
  });

export type LineError = { line: number; input: string; message: string };

/**
 * Split a pasted list (newlines, commas or spaces) and parse each entry; reports every bad line
 * with its 1-based line number. Duplicates are removed, order is kept.
 */
export function parseNetworkList(text: string): { values: string[]; errors: LineError[] } {
  const values: string[] = [];
  const seen = new Set<string>();
  const errors: LineError[] = [];
  text.split(/\r?\n/).forEach((lineText, i) => {
    const withoutComment = lineText.replace(/#.*$/, "");
    for (const item of withoutComment.split(/[\s,;]+/)) {
      if (item === "") continue;
      const r = parseNetwork(item);
      if (!r.ok) errors.push({ line: i + 1, input: clip(item), message: r.error });
      else if (!seen.has(r.value.text)) {
        seen.add(r.value.text);
        values.push(r.value.text);
      }
    }
  });
  return { values, errors };
}
