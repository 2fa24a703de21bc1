import { z } from "zod";
import { BACKENDS } from "@/lib/firewall/policy/schema";

/** Record ids are cuids; anything else cannot name a server. */
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a server id.");

/** `?version=N`: the revision the user reviewed; the download is refused if the profile moved on. */
const versionSchema = z.union([z.null(), z.coerce.number().int("The version is a whole number.").min(1, "The version is at least 1.")]);

export const bundleRequestSchema = z.object({ id: idSchema, version: versionSchema });
export const rulesRequestSchema = z.object({
  id: idSchema,
  backend: z.enum(BACKENDS, { error: `Unknown backend: use one of ${BACKENDS.join(", ")}.` }),
  version: versionSchema,
});

/** A server id from a URL segment. */
export const idParamSchema = idSchema;

/** `?id=…&id=…` (none: every server) and `?format=json` for scripts; ZIP otherwise. */
export const ansibleRequestSchema = z.object({
  ids: z.array(idSchema).max(10_000, "At most 10,000 servers at once."),
  format: z.enum(["zip", "json"], { error: "Use format=zip or format=json." }).default("zip"),
});
