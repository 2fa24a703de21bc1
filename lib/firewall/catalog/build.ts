import type { PortRange } from "../policy/schema";
import type { CatalogService } from "./types";

type Flags = CatalogService["flags"];
type Defaults = CatalogService["defaults"];
type Column = keyof Flags;

/** The columns a port table ticks for a row; every other column is false. */
export function ticked(...columns: Column[]): Flags {
  const has = (c: Column) => columns.includes(c);
  return { tcp: has("tcp"), udp: has("udp"), inbound: has("inbound"), outbound: has("outbound"), localhost: has("localhost") };
}

export function port(from: number, to = from): PortRange {
  return { from, to };
}

/**
 * Starting choice that mirrors the table: the ticked protocols and directions, localhost-only
 * when the Localhost column is ticked. `overrides` records where a row is modelled differently.
 */
export function startOn(flags: Flags, overrides: Partial<Defaults> = {}): Defaults {
  return {
    enabled: true,
    tcp: flags.tcp,
    udp: flags.udp,
    inbound: flags.inbound && !flags.localhost,
    outbound: flags.outbound,
    localhostOnly: flags.localhost,
    ...overrides,
  };
}

/** Same as {@link startOn}, but the service starts switched off (plaintext or optional ports). */
export function startOff(flags: Flags, overrides: Partial<Defaults> = {}): Defaults {
  return startOn(flags, { enabled: false, ...overrides });
}
