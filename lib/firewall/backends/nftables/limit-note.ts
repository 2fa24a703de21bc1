import { perSourceNotes, type LimitNote, type LimitShape } from "../shared/limit-note";

/** How nftables enforces a rate limit (rendered by nftables/render.ts with shared/nft-limits.ts). */
export const nftablesLimitNotes = (limit: LimitShape): LimitNote[] => perSourceNotes(limit, "by nft dynamic sets (IPv6 per /64)");
