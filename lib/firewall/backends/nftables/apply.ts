/**
 * nftables apply: check, snapshot only table inet portcullis, arm its restore, load (docs/backends.md
 * §9.1). Once confirmed, the boot path (§14): our file as a drop-in, one include line appended to
 * the distribution's main file (after Debian's `flush ruleset`, so it is not wiped) and
 * `systemctl enable nftables`; the rollback puts both files back as they were at apply.
 */
import type { RuleSet } from "../../policy/resolve";
import { NFT_TABLE } from "./render";
import { NFT_PATHS } from "./paths";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { backupBootFiles, detectFamily, familyPaths, restoreBootFiles } from "../shared/boot-files";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";

const installBoot = [
  "# Runs once the rules are confirmed, never before.",
  "install_boot() {",
  '  mkdir -p "$(dirname "$NFT_BOOT")"',
  '  install -m 0600 "$STATE/applied.nft" "$NFT_BOOT"',
  "  # Our include goes last, after any `flush ruleset`, which would otherwise wipe our table at boot.",
  '  { grep -vxF "include \\"$NFT_BOOT\\"" "$NFT_MAIN" 2>/dev/null || true; printf \'include "%s"\\n\' "$NFT_BOOT"; } > "$STATE/main.new"',
  '  cat "$STATE/main.new" > "$NFT_MAIN"',
  '  if command -v systemctl >/dev/null 2>&1; then systemctl enable nftables >/dev/null 2>&1 || echo "Could not enable nftables.service: run systemctl enable nftables." >&2; fi',
  '  echo "Boot: $NFT_BOOT is included from $NFT_MAIN (nftables.service loads it)."',
  "}",
];

export function nftablesApply(ruleSet: RuleSet, _files: RuleFile[], meta: RenderMeta): string {
  return [
    ...preamble(ruleSet, meta, "nftables", ["usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm", `Touches only table inet ${NFT_TABLE}; once confirmed, its boot file and include.`]),
    ...detectFamily(),
    ...familyPaths([["NFT_BOOT", { rhel: NFT_PATHS.rhel.file, debian: NFT_PATHS.debian.file }], ["NFT_MAIN", { rhel: NFT_PATHS.rhel.mainConfig, debian: NFT_PATHS.debian.mainConfig }]]),
    ...installBoot,
    ...confirmArgument(["install_boot"]),
    ...refuseOtherManagers("nftables"),
    'nft -c -f "$HERE/portcullis.nft"',
    `{ echo 'table inet ${NFT_TABLE}'; echo 'delete table inet ${NFT_TABLE}'; nft list table inet ${NFT_TABLE} 2>/dev/null || true; } > "$STATE/previous.nft"`,
    ...backupBootFiles(['"$NFT_BOOT"', '"$NFT_MAIN"']),
    'cp "$HERE/portcullis.nft" "$STATE/applied.nft"',
    ...armRollback(['nft -f "$STATE/previous.nft"', ...restoreBootFiles()]),
    'nft -f "$HERE/portcullis.nft"',
    ...noteNeighbours("nftables"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
