import { perSourceNotes, type LimitNote, type LimitShape } from "../shared/limit-note";

/** How firewalld enforces a rate limit (rendered by firewalld/limits.ts). */
export const firewalldLimitNotes = (limit: LimitShape): LimitNote[] => perSourceNotes(limit, "by the companion nft table portcullis_limits (firewalld itself has no per-source limits)");
