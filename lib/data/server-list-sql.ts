/**
 * The server list's filters and sorts as SQL over ServerProfile and ServerExposure (parameterised;
 * column names are constants here). Kept apart from the query itself so each clause reads on its own.
 */
import { Prisma } from "@/generated/prisma/client";
import type { ExposureCriteria, FleetSearch } from "@/lib/fleet/search-query";
import type { ServerListParams, SortKey } from "@/lib/validations/server-list";
import { containsPattern } from "./like";

/** The revision the live rules were last seen to match: the verified one if in sync, else the older one it matched. */
export const APPLIED_SQL = Prisma.sql`(CASE WHEN "verifyVerdict" = 'in-sync' THEN "verifiedVersion" ELSE "verifyMatches" END)`;
const NEVER_VERIFIED = Prisma.sql`("verifiedVersion" IS NULL OR "verifyVerdict" IS NULL)`;
/** Problems first: drifted, not verified since the last save, never verified, in sync. */
const VERIFICATION_RANK = Prisma.sql`(CASE WHEN ${NEVER_VERIFIED} THEN 2 WHEN "verifiedVersion" <> "version" THEN 1 WHEN "verifyVerdict" = 'in-sync' THEN 3 ELSE 0 END)`;

function exposureClause(e: ExposureCriteria): Prisma.Sql {
  const extra = [
    ...(e.protocol ? [Prisma.sql`"protocol" = ${e.protocol}`] : []),
    ...(e.family ? [Prisma.sql`"family" = ${e.family}`] : []),
    ...(e.anyone ? [Prisma.sql`"openToAnyone" = 1`] : []),
  ];
  const and = extra.length > 0 ? Prisma.sql` AND ${Prisma.join(extra, " AND ")}` : Prisma.empty;
  const parts: Prisma.Sql[] = [];
  if (e.ports) {
    const { from, to } = e.ports;
    // Single ports by the index on portFrom; the few ranges (isRange) that reach into [from, to] apart.
    parts.push(Prisma.sql`SELECT "serverProfileId" FROM "ServerExposure" WHERE "portFrom" BETWEEN ${from} AND ${to}${and}`);
    parts.push(Prisma.sql`SELECT "serverProfileId" FROM "ServerExposure" WHERE "isRange" = 1 AND "portFrom" < ${from} AND "portTo" >= ${from}${and}`);
  }
  if (e.service) parts.push(Prisma.sql`SELECT "serverProfileId" FROM "ServerExposure" WHERE "service" = ${e.service}${and}`);
  // `+"id"`: the set is built once and each row of the covering list index is checked against it;
  // looking the matches up by id instead would read each one's table row, document and all.
  return Prisma.sql`+"id" IN (${Prisma.join(parts, " UNION ALL ")})`;
}

function searchClauses(search: FleetSearch): Prisma.Sql[] {
  const clauses = search.words.map((word) => {
    const pattern = containsPattern(word);
    return Prisma.sql`("name" LIKE ${pattern} ESCAPE '\\' OR "hostname" LIKE ${pattern} ESCAPE '\\')`;
  });
  const { address, exposure } = search;
  if (address) {
    const column = Prisma.raw(address.family === "ipv4" ? `"ipv4Key"` : `"ipv6Key"`);
    // One address: the key's index. A network may hold most of the fleet: a scan of the covering
    // list index (`+` keeps SQLite off the key's index, whose matches would each read the table row).
    clauses.push(address.exact ? Prisma.sql`${column} = ${address.first}` : Prisma.sql`+${column} BETWEEN ${address.first} AND ${address.last}`);
  }
  if (exposure) clauses.push(exposureClause(exposure));
  return clauses;
}

const VERIFICATION_SQL = {
  "in-sync": Prisma.sql`("verifiedVersion" = "version" AND "verifyVerdict" = 'in-sync')`,
  drift: Prisma.sql`("verifiedVersion" = "version" AND "verifyVerdict" <> 'in-sync')`,
  stale: Prisma.sql`(NOT ${NEVER_VERIFIED} AND "verifiedVersion" <> "version")`,
  never: NEVER_VERIFIED,
} as const;

const APPLIED_FILTER_SQL = {
  current: Prisma.sql`${APPLIED_SQL} = "version"`,
  behind: Prisma.sql`${APPLIED_SQL} < "version"`,
  unknown: Prisma.sql`${APPLIED_SQL} IS NULL`,
} as const;

export function whereOf(query: ServerListParams & { search: FleetSearch }): Prisma.Sql {
  const clauses = searchClauses(query.search);
  if (query.backend) clauses.push(Prisma.sql`"backend" = ${query.backend}`);
  if (query.os) clauses.push(Prisma.sql`"os" = ${query.os}`);
  if (query.panel) clauses.push(Prisma.sql`"panel" = ${query.panel}`);
  if (query.tag) clauses.push(Prisma.sql`instr(' ' || "tags" || ' ', ${` ${query.tag} `}) > 0`);
  // `+`: a template is typically followed by much of the fleet, so scan the covering list index
  // (which holds templateId) rather than look each follower up by the templateId index.
  if (query.template) clauses.push(query.template === "none" ? Prisma.sql`+"templateId" IS NULL` : Prisma.sql`+"templateId" = ${query.template}`);
  if (query.critical) clauses.push(query.critical === "open" ? Prisma.sql`"criticalOpen" > 0` : Prisma.sql`"criticalOpen" = 0`);
  if (query.verification) clauses.push(VERIFICATION_SQL[query.verification]);
  if (query.applied) clauses.push(APPLIED_FILTER_SQL[query.applied]);
  return clauses.length > 0 ? Prisma.sql`WHERE ${Prisma.join(clauses, " AND ")}` : Prisma.empty;
}

/** Each sort: leading "empty last" keys (always ascending), then the keys that follow the direction. */
const SORTS: Record<SortKey, { emptyLast?: string | Prisma.Sql; keys: (string | Prisma.Sql)[] }> = {
  created: { keys: [`"createdAt"`] },
  updated: { keys: [`"updatedAt"`] },
  name: { keys: [`"name" COLLATE NOCASE`] },
  hostname: { emptyLast: `"hostname" = ''`, keys: [`"hostname"`] },
  address: { emptyLast: `("ipv4Key" = '' AND "ipv6Key" = '')`, keys: [`"ipv4Key" = ''`, `"ipv4Key"`, `"ipv6Key"`] },
  backend: { emptyLast: `"backend" = ''`, keys: [`"backend"`] },
  os: { keys: [`"os"`, `"panel"`] },
  template: { emptyLast: `"templateId" IS NULL`, keys: [`"templateName" COLLATE NOCASE`] },
  tags: { emptyLast: `"tags" = ''`, keys: [`"tags"`] },
  critical: { keys: [`"criticalOpen"`, `"criticalWarnings"`] },
  verification: { keys: [VERIFICATION_RANK] },
  applied: { emptyLast: Prisma.sql`${APPLIED_SQL} IS NULL`, keys: [APPLIED_SQL] },
};

export function orderOf(sort: SortKey, dir: "asc" | "desc"): Prisma.Sql {
  const { emptyLast, keys } = SORTS[sort];
  const direction = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  const parts = [
    ...(emptyLast === undefined ? [] : [typeof emptyLast === "string" ? Prisma.raw(emptyLast) : emptyLast]),
    ...keys.map((k) => Prisma.sql`${typeof k === "string" ? Prisma.raw(k) : k} ${direction}`),
    Prisma.raw(`"createdAt" DESC, "id" DESC`),
  ];
  return Prisma.sql`ORDER BY ${Prisma.join(parts, ", ")}`;
}
