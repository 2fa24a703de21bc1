import { perSourceNotes, type LimitNote, type LimitShape } from "../shared/limit-note";

/** How apf enforces a rate limit (rendered by apf/companion.ts). */
export const apfLimitNotes = (limit: LimitShape): LimitNote[] => perSourceNotes(limit, "by the companion iptables chains (hashlimit, connlimit)");
