import { perSourceNotes, type LimitNote, type LimitShape } from "../shared/limit-note";

/** How ufw enforces a rate limit (rendered by ufw/render.ts). */
export const ufwLimitNotes = (limit: LimitShape): LimitNote[] => perSourceNotes(limit, "by iptables rules in before.rules, not `ufw limit` (fixed at 6 per 30 s)");
