/** Where the nftables file lives on each OS family, and how it loads at boot (docs/backends.md §1.1). */
import type { OsFamily } from "../../policy/os";

/** A drop-in file included from the distribution's main configuration. */
export const NFT_PATHS = {
  rhel: { file: "/etc/nftables/portcullis.nft", mainConfig: "/etc/sysconfig/nftables.conf" },
  debian: { file: "/etc/nftables.d/portcullis.nft", mainConfig: "/etc/nftables.conf" },
} as const satisfies Record<OsFamily, { file: string; mainConfig: string }>;

export function nftBootSteps(family: OsFamily): string[] {
  return family === "rhel"
    ? [`Copy \`portcullis.nft\` to \`${NFT_PATHS.rhel.file}\`.`, `Add \`include "${NFT_PATHS.rhel.file}"\` to \`${NFT_PATHS.rhel.mainConfig}\` and run \`systemctl enable nftables\`.`]
    : [`Copy \`portcullis.nft\` to \`${NFT_PATHS.debian.file}\` (\`mkdir -p /etc/nftables.d\`).`, `Add \`include "/etc/nftables.d/*.nft"\` to \`${NFT_PATHS.debian.mainConfig}\` **after** its \`flush ruleset\` line, or remove that line (it wipes Docker's and fail2ban's tables), and run \`systemctl enable nftables\`.`];
}
