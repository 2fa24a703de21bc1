/**
 * The server list's URL (and GET /api/servers query): search, filters per column, sort, page.
 * Every value is checked here; the search text is parsed by lib/fleet/search-query.ts.
 */
import { z } from "zod";
import { parseFleetSearch, SEARCH_MAX, type FleetSearch } from "@/lib/fleet/search-query";
import { BACKENDS } from "@/lib/firewall/policy/schema";
import { OPERATING_SYSTEMS, PANELS } from "@/lib/firewall/policy/os";
import { tagSchema } from "./tags";

export const SERVER_PAGE_SIZE = 20;

export const SORT_KEYS = ["created", "updated", "name", "hostname", "address", "backend", "os", "template", "tags", "critical", "verification", "applied"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const VERIFICATION_FILTERS = ["in-sync", "drift", "stale", "never"] as const;
export const APPLIED_FILTERS = ["current", "behind", "unknown"] as const;
/** A template's id (a cuid), or "none": the servers that follow no template. */
export const TEMPLATE_FILTER = /^[a-z0-9]{1,40}$/;

/** Newest, most recent and most warnings first; the rest A to Z. */
export const DEFAULT_DIRECTION: Record<SortKey, "asc" | "desc"> = {
  created: "desc", updated: "desc", critical: "desc", name: "asc", hostname: "asc", address: "asc",
  backend: "asc", os: "asc", template: "asc", tags: "asc", verification: "asc", applied: "asc",
};

/** A select left at "any" posts an empty value: that is no filter. */
const blankIsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** The parameters as they are written; {@link serverListQuerySchema} also parses the search. */
export const serverListParamsSchema = z.object({
    q: z.string().trim().max(SEARCH_MAX, `Search with at most ${SEARCH_MAX} characters.`).default(""),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
    backend: blankIsUnset(z.enum(BACKENDS, { error: `Backend is one of ${BACKENDS.join(", ")}.` })),
    os: blankIsUnset(z.enum(OPERATING_SYSTEMS, { error: "Not a known operating system." })),
    panel: blankIsUnset(z.enum(PANELS, { error: "Not a known control panel." })),
    tag: blankIsUnset(tagSchema),
    template: blankIsUnset(z.string().regex(TEMPLATE_FILTER, { error: "Template is a template's id or none." })),
    critical: blankIsUnset(z.enum(["open", "none"], { error: "Critical is open or none." })),
    verification: blankIsUnset(z.enum(VERIFICATION_FILTERS, { error: `Verification is one of ${VERIFICATION_FILTERS.join(", ")}.` })),
    applied: blankIsUnset(z.enum(APPLIED_FILTERS, { error: `Applied is one of ${APPLIED_FILTERS.join(", ")}.` })),
    sort: blankIsUnset(z.enum(SORT_KEYS, { error: `Sort by one of ${SORT_KEYS.join(", ")}.` })),
    dir: blankIsUnset(z.enum(["asc", "desc"], { error: "Direction is asc or desc." })),
});

export const serverListQuerySchema = serverListParamsSchema.transform((query, ctx) => {
    const parsed = parseFleetSearch(query.q);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", path: ["q"], message: parsed.error });
      return z.NEVER;
    }
    const sort = query.sort ?? "created";
    return { ...query, sort, dir: query.dir ?? DEFAULT_DIRECTION[sort], search: parsed.value };
  });

export type ServerListQuery = z.output<typeof serverListQuerySchema>;
export type ServerListParams = Omit<ServerListQuery, "search" | "page">;
export type { FleetSearch };

/**
 * For the page: the query with every refused parameter left out, and the messages saying why, so a
 * bad link still shows a list (and the search box shows what was wrong with the search).
 */
export function readServerListQuery(params: Record<string, string | string[] | undefined>): { query: ServerListQuery; errors: Partial<Record<string, string>> } {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined) input[key] = one;
  }
  const errors: Partial<Record<string, string>> = {};
  for (;;) {
    const result = serverListQuerySchema.safeParse(input);
    if (result.success) return { query: result.data, errors };
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "q");
      errors[key] ??= issue.message;
      delete input[key];
    }
  }
}

/** The URL search parameters of a list state, defaults left out (for links: sort headers, pages). */
export function listSearchParams(query: ServerListParams & { page?: number }): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["q", "backend", "os", "panel", "tag", "template", "critical", "verification", "applied"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.sort !== "created" || query.dir !== DEFAULT_DIRECTION.created) params.set("sort", query.sort);
  if (query.dir !== DEFAULT_DIRECTION[query.sort]) params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}
