/** Free tags on servers ("shared-hosting", "eu-west"): lowercase words, at most 20 per server. */
import { z } from "zod";

export const TAG_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;
export const TAGS_MAX = 20;

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TAG_PATTERN, "A tag is 1 to 32 letters, digits, dots, underscores or hyphens, starting with a letter or digit.");

/** Tags as typed (spaces or commas between them) or as a list: deduplicated, sorted. */
export const tagListSchema = z
  .union([z.string().max(2000, "The list is too long."), z.array(z.string().max(100))])
  .transform((input, ctx) => {
    const words = (Array.isArray(input) ? input : input.split(/[\s,]+/)).map((t) => t.trim()).filter(Boolean);
    const tags = new Set<string>();
    for (const word of words) {
      const parsed = tagSchema.safeParse(word);
      if (parsed.success) tags.add(parsed.data);
      else ctx.addIssue({ code: "custom", message: `"${word.slice(0, 40)}": ${parsed.error.issues[0]?.message ?? "not a tag"}` });
    }
    if (tags.size > TAGS_MAX) ctx.addIssue({ code: "custom", message: `Use at most ${TAGS_MAX} tags.` });
    return [...tags].sort();
  })
  .default([]);

/** As stored in ServerProfile.tags: sorted, single spaces. */
export function tagsColumn(tags: readonly string[]): string {
  return [...tags].sort().join(" ");
}

export function tagsOfColumn(column: string): string[] {
  return column === "" ? [] : column.split(" ");
}
