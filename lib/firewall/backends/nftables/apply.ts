/** nftables apply: check, snapshot only table inet portcullis, arm its restore, load (docs/backends.md §9.1). */
import type { RuleSet } from "../../policy/resolve";
import { NFT_TABLE } from "./render";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";

export function nftablesApply(ruleSet: RuleSet, _files: RuleFile[], meta: RenderMeta): string {
  return [
    ...preamble(ruleSet, meta, "nftables", ["usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm", `Touches only table inet ${NFT_TABLE}.`]),
    ...confirmArgument(),
    ...refuseOtherManagers("nftables"),
    'nft -c -f "$HERE/portcullis.nft"',
    `{ echo 'table inet ${NFT_TABLE}'; echo 'delete table inet ${NFT_TABLE}'; nft list table inet ${NFT_TABLE} 2>/dev/null || true; } > "$STATE/previous.nft"`,
    ...armRollback(['nft -f "$STATE/previous.nft"']),
    'nft -f "$HERE/portcullis.nft"',
    ...noteNeighbours("nftables"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
