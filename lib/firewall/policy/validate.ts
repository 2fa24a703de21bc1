/**
 * Validating a whole profile document. Blocklists run to 200,000 entries, and checking each one
 * through zod's object and string schemas was most of the time spent reading a big profile; so a
 * blocklist whose every entry is already canonical (what Portcullis writes) is checked by a
 * precompiled loop and the rest of the document by the schema. Any entry the loop does not
 * accept sends the whole document through the schema, so problems are reported exactly as before.
 */
import type { z } from "zod";
import { isCanonicalNetwork } from "../address";
import { LABEL_PATTERN, profileDocumentSchema, type BlockedEntry, type ProfileDocument } from "./schema";

/** Keep in step with `blocked` and `labelSchema` in ./schema. */
const MAX_BLOCKED = 200_000;
const MAX_LABEL = 100;

/** The blocklist as the schema would output it, or null when any entry needs the schema. */
function canonicalBlocklist(value: unknown): BlockedEntry[] | null {
  if (typeof value !== "object" || value === null) return null;
  const policy = (value as { policy?: unknown }).policy;
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) return null;
  const list = (policy as { blocked?: unknown }).blocked;
  if (!Array.isArray(list) || list.length > MAX_BLOCKED) return null;
  const out: BlockedEntry[] = new Array<BlockedEntry>(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (typeof entry !== "object" || entry === null || Object.getPrototypeOf(entry) !== Object.prototype) return null;
    for (const key in entry) if (key !== "address" && key !== "comment") return null;
    const { address, comment } = entry as { address?: unknown; comment?: unknown };
    if (typeof address !== "string" || !isCanonicalNetwork(address)) return null;
    let label = "";
    if (comment !== undefined) {
      if (typeof comment !== "string") return null;
      label = comment.trim();
      if (label.length > MAX_LABEL || !LABEL_PATTERN.test(label)) return null;
    }
    out[i] = { address, comment: label };
  }
  return out;
}

/** `profileDocumentSchema.safeParse`, with the same result, issues included, and faster on big blocklists. */
export function safeParseProfile(value: unknown): z.ZodSafeParseResult<ProfileDocument> {
  const blocked = canonicalBlocklist(value);
  if (!blocked) return profileDocumentSchema.safeParse(value);
  const { policy } = value as { policy: Record<string, unknown> };
  const result = profileDocumentSchema.safeParse({ ...(value as object), policy: { ...policy, blocked: [] } });
  if (result.success) result.data.policy.blocked = blocked;
  return result;
}
