/**
 * Names of the kernel sets that hold blocked addresses and long source lists. iptables (ipset)
 * and firewalld (its ipsets are kernel ipsets too) use the same names, so a server moved from one
 * to the other never ends up with two sets for one list, and verify reads either the same way.
 */
export type IpFamily = "v4" | "v6";

/** Source lists longer than this go into a set instead of one rule per address. */
export const INLINE_SOURCES_MAX = 8;

export const blockSetName = (f: IpFamily) => `portcullis-block${f === "v4" ? 4 : 6}`;
export const sourceSetName = (id: number, f: IpFamily) => `portcullis-src${f === "v4" ? 4 : 6}-${id}`;
