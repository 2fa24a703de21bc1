/**
 * Addresses as fixed-width lowercase hex (8 digits for IPv4, 32 for IPv6), so that text order is
 * numeric order and "which servers are inside 2001:db8::/32" is one indexed range query
 * (`key BETWEEN first AND last`), for both families alike. Pure: no database here.
 */
import { parseNetwork, type Family } from "@/lib/firewall/address";

export type AddressRange = {
  family: Family;
  /** The canonical text of what was searched for, e.g. `2001:db8::1` or `192.0.2.0/24`. */
  text: string;
  /** A single address (a full-length prefix) rather than a network. */
  exact: boolean;
  first: string;
  last: string;
};

const WIDTH: Record<Family, number> = { ipv4: 8, ipv6: 32 };

export function hexKey(family: Family, value: bigint): string {
  return value.toString(16).padStart(WIDTH[family], "0");
}

/** The key of a stored canonical host address; "" for an unset one (and for anything unreadable). */
export function addressKey(address: string): string {
  if (address === "") return "";
  const parsed = parseNetwork(address);
  return parsed.ok ? hexKey(parsed.value.family, parsed.value.first) : "";
}

/** An address or CIDR as typed (any valid spelling, /0 allowed) as a key range; a clear error otherwise. */
export function addressRange(input: string): { ok: true; value: AddressRange } | { ok: false; error: string } {
  const parsed = parseNetwork(input, { allowZeroPrefix: true });
  if (!parsed.ok) return parsed;
  const { family, text, prefix, first, last } = parsed.value;
  return { ok: true, value: { family, text, exact: prefix === (family === "ipv4" ? 32 : 128), first: hexKey(family, first), last: hexKey(family, last) } };
}
