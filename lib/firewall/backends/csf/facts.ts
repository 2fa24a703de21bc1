import type { BackendFacts } from "../types";
import { guardFact } from "../shared/boot-guard";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const csfFacts = {
  id: "csf",
  label: "CSF",
  name: "CSF (ConfigServer Security & Firewall)",
  safetyNet: "timed-rollback",
  replaces: [
    guardFact("csf"),
    { what: "`/etc/csf/csf.conf`: the keys of portcullis.conf, TESTING = 1 until confirmed", backup: "csf.previous/csf.conf (also `csf --profile backup portcullis_previous` in /var/lib/csf/backup/)" },
    { what: "`/etc/csf/csf.allow`, `/etc/csf/csf.deny`: one Include line each", backup: "csf.previous/csf.allow, csf.previous/csf.deny" },
    { what: "`/etc/csf/portcullis.allow`, `/etc/csf/portcullis.deny` from an earlier apply", backup: "csf.previous/ (a name ending in `-` marks a file that did not exist)" },
  ],
} as const satisfies BackendFacts;

/** CSF's own default for `LF_IPSET_MAXELEM`: entry 65,537 of a set fails with "Hash is full" (docs/backends.md §13.3). */
export const CSF_DEFAULT_MAXELEM = 65_536;

/**
 * The largest set Portcullis sizes for CSF, per family (docs/backends.md §5.2): Portcullis's choice,
 * not ipset's limit, to keep the kernel memory and csf's start-up time bounded. Longer lists belong
 * in nftables or iptables, which load whole sets in one restore.
 */
export const CSF_MAX_SET_ENTRIES = 1_048_576;

/** Room left in CSF's deny sets for lfd's own blocks (DENY_IP_LIMIT, DENY_TEMP_IP_LIMIT and more). */
export const CSF_LFD_HEADROOM = 1_024;

/** The blocked entries of one family CSF can hold in a set as Portcullis sizes it. */
export const CSF_MAX_BLOCKED_PER_FAMILY = CSF_MAX_SET_ENTRIES - CSF_LFD_HEADROOM;

/** xt_recent keeps at most 20 hits per source unless ip_pkt_list_tot is raised; csf skips larger entries. */
export const CSF_MAX_HITCOUNT = 20;

/** PORTFLOOD's hit count for "count per window": the hit that reaches it is already dropped, so count + 1, at most 20. */
export const portfloodHitcount = (count: number): number => Math.min(count + 1, CSF_MAX_HITCOUNT);

/** The new connections per window PORTFLOOD lets through for "count per window" (at most 19). */
export const portfloodAllowed = (count: number): number => portfloodHitcount(count) - 1;

/** csf refuses loopback addresses in its lists (loopback is always allowed): the renderer leaves them out. */
export const isLoopback = (address: string): boolean => address === "::1" || address.startsWith("127.");
