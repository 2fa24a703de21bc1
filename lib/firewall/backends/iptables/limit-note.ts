import { perSourceNotes, type LimitNote, type LimitShape } from "../shared/limit-note";

/** How iptables enforces a rate limit (rendered by iptables/render.ts with shared/iptables-lines.ts). */
export const iptablesLimitNotes = (limit: LimitShape): LimitNote[] => perSourceNotes(limit, "by hashlimit and connlimit (IPv6 per /64)");
