import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const nftablesFacts = {
  id: "nftables",
  label: "nftables",
  name: "nftables",
  safetyNet: "timed-rollback",
  replaces: [{ what: "`table inet portcullis` in the running ruleset (no other table is touched)", backup: "previous.nft" }],
} as const satisfies BackendFacts;
