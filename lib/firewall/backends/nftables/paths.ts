/** Where the nftables file lives on each OS family, and how it loads at boot (docs/backends.md §1.1). */
import type { OsFamily } from "../../policy/os";

/** A drop-in file included from the distribution's main configuration. */
export const NFT_PATHS = {
  rhel: { file: "/etc/nftables/portcullis.nft", mainConfig: "/etc/sysconfig/nftables.conf" },
  debian: { file: "/etc/nftables.d/portcullis.nft", mainConfig: "/etc/nftables.conf" },
} as const satisfies Record<OsFamily, { file: string; mainConfig: string }>;

/** README steps: apply.sh installs the boot path itself once confirmed; the commands stay for reference. */
export function nftBootSteps(family: OsFamily): string[] {
  const p = NFT_PATHS[family];
  return [
    `Nothing more for boot: once you confirm (never before), \`apply.sh\` copies \`portcullis.nft\` to \`${p.file}\`, appends \`include "${p.file}"\` as the last line of \`${p.mainConfig}\`${family === "debian" ? " (after its `flush ruleset`, which would otherwise wipe the table at boot; that line stays, so restarting nftables.service still removes Docker's and fail2ban's tables, as on any Debian)" : ""} and runs \`systemctl enable nftables\`. An unconfirmed apply rolls both files back. For reference, by hand: \`install -m 0600 portcullis.nft ${p.file}\`, the include line, \`systemctl enable nftables\`.`,
  ];
}
