/**
 * The firewall profile document: one server's facts plus its port matrix. This is the single
 * format for export, import, the CLI and what every renderer and the warnings engine read.
 * Every string that can reach a rule file is either an enum, a canonical address, a number, or a
 * label restricted to a safe character set (docs/backends.md §10.5).
 */
import { z } from "zod";
import { networkSchema } from "../address";
import { tagSchema, TAGS_MAX } from "@/lib/validations/tags";
import { portRangeSchema } from "./ports";
import { serverNameSchema, serverSchema } from "./server";

export { OPERATING_SYSTEMS, PANELS, type OperatingSystem, type Panel } from "./os";
export { portRangeSchema, portSchema, type PortRange } from "./ports";
export { osSchema, panelSchema, PROFILE_NAME_PATTERN, serverSchema, type Server } from "./server";

export const PROFILE_FORMAT = "portcullis/profile";
/**
 * Format versions. Version 2 added named source lists (`policy.sourceLists`, `services.<id>.lists`);
 * version 3 the `fleet` object (the server's tags and the template it follows).
 * A parsed document always carries the lowest version that can hold it, so a profile that uses no
 * source list and no fleet facts is still written as version 1 and older releases keep reading it;
 * code builds documents with `PROFILE_VERSION` and parsing raises it where needed.
 */
export const PROFILE_VERSION = 1;
export const SOURCE_LISTS_PROFILE_VERSION = 2;
export const FLEET_PROFILE_VERSION = 3;
export const LATEST_PROFILE_VERSION = FLEET_PROFILE_VERSION;

export const BACKENDS = ["nftables", "iptables", "firewalld", "ufw", "csf", "apf"] as const;
export const backendSchema = z.enum(BACKENDS);
export type Backend = z.infer<typeof backendSchema>;

/** Free text that may end up in a rule-file comment: docs/backends.md §10.5 allow-list, ≤ 100 bytes. */
export const LABEL_PATTERN = /^[A-Za-z0-9 _.,:;&'/()+-]*$/;
export const labelSchema = z
  .string()
  .trim()
  .max(100, "At most 100 characters.")
  .regex(LABEL_PATTERN, "Use only letters, digits, spaces and _ . , : ; & ' / ( ) + -");

/** Identifiers used to build set/chain/service names in rule files. */
export const ID_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;
export const idSchema = z
  .string()
  .regex(ID_PATTERN, "Start with a letter; use lower-case letters, digits and -; at most 31 characters.");

const addressListSchema = z.array(networkSchema).max(10_000, "At most 10,000 sources per entry.");

/**
 * Who may connect: anyone; only the profile's administrator sources; or an explicit list.
 * `sources` is used only when `access` is "list" (kept otherwise so toggling does not lose it).
 */
export const accessSchema = z.enum(["anyone", "admins", "list"]);
export type Access = z.infer<typeof accessSchema>;

export const serviceChoiceSchema = z
  .object({
    enabled: z.boolean(),
    tcp: z.boolean(),
    udp: z.boolean(),
    inbound: z.boolean(),
    outbound: z.boolean(),
    /** Reachable on loopback only: no inbound rule is emitted, whatever `inbound` says. */
    localhostOnly: z.boolean(),
    access: accessSchema.default("anyone"),
    sources: addressListSchema.default([]),
    /**
     * Named source lists allowed beside `sources` (ids of `policy.sourceLists`, or "admins" for the
     * server's administrator sources). Like `sources`, used only when `access` is "list".
     */
    lists: z.array(idSchema).max(20, "At most 20 named lists per service.").optional(),
    /** Overrides the catalog's port/range for services whose range is configurable (FTP passive). */
    ports: portRangeSchema.optional(),
  })
  .strict();
export type ServiceChoice = z.infer<typeof serviceChoiceSchema>;

export const directionSchema = z.enum(["inbound", "outbound"]);
export type Direction = z.infer<typeof directionSchema>;

export const customRuleSchema = z
  .object({
    id: idSchema,
    label: labelSchema.default(""),
    ports: portRangeSchema,
    tcp: z.boolean(),
    udp: z.boolean(),
    direction: directionSchema,
    access: accessSchema.default("anyone"),
    sources: addressListSchema.default([]),
  })
  .strict()
  .refine((r) => r.tcp || r.udp, { message: "Choose TCP, UDP or both.", path: ["tcp"] });
export type CustomRule = z.infer<typeof customRuleSchema>;

export const blockedEntrySchema = z
  .object({ address: networkSchema, comment: labelSchema.default("") })
  .strict();
export type BlockedEntry = z.infer<typeof blockedEntrySchema>;

export const rateLimitSchema = z
  .object({
    id: idSchema,
    label: labelSchema.default(""),
    ports: portRangeSchema,
    protocol: z.enum(["tcp", "udp"]),
    /** New connections allowed per source within `seconds` (token bucket / sliding window per backend). */
    newConnections: z
      .object({
        count: z.number().int().min(1, "At least 1.").max(10_000, "At most 10,000."),
        seconds: z.number().int().min(1, "At least 1 second.").max(86_400, "At most one day (86400 s)."),
      })
      .strict()
      .optional(),
    /** Concurrent connections allowed per source (TCP only in most backends). */
    concurrent: z.number().int().min(1, "At least 1.").max(100_000, "At most 100,000.").optional(),
  })
  .strict()
  .refine((r) => r.newConnections !== undefined || r.concurrent !== undefined, {
    message: "Set a new-connection rate, a concurrent-connection cap, or both.",
    path: ["newConnections"],
  });
export type RateLimit = z.infer<typeof rateLimitSchema>;

/** The reference that stands for the server's own `adminSources`; no source list may take this id. */
export const ADMIN_LIST_ID = "admins";

export const SOURCE_LIST_ORIGINS = ["webpros-seo", "aws-ip-ranges"] as const;
export type SourceListOrigin = (typeof SOURCE_LIST_ORIGINS)[number];

/** AWS ip-ranges.json names: services are upper-case words ("ROUTE53_HEALTHCHECKS"), regions "eu-west-1" or "GLOBAL". */
export const AWS_SERVICE_PATTERN = /^[A-Z0-9_]{1,40}$/;
export const AWS_REGION_PATTERN = /^[A-Za-z0-9-]{1,40}$/;

/** Where an AWS list came from: the file's own version stamps and the filter applied to it. */
export const awsRangesOriginSchema = z
  .object({
    syncToken: z.string().regex(/^[0-9]{1,20}$/, "A syncToken is a number of up to 20 digits."),
    createDate: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/, "A createDate looks like 2026-01-31-12-00-00."),
    services: z.array(z.string().regex(AWS_SERVICE_PATTERN, "An AWS service name is upper-case letters, digits and _.")).min(1, "Choose at least one AWS service.").max(20),
    /** Empty means every region. */
    regions: z.array(z.string().regex(AWS_REGION_PATTERN, "An AWS region is letters, digits and -.")).max(50),
  })
  .strict();
export type AwsRangesOrigin = z.infer<typeof awsRangesOriginSchema>;

/**
 * A named list of addresses that services reference by id: a vendor's scanners, a filtered AWS
 * range. The addresses are a snapshot kept in the profile, so the profile alone renders the same
 * rule files on any machine; only the id and label name it in the matrix and the report.
 */
export const sourceListSchema = z
  .object({
    id: idSchema.refine((id) => id !== ADMIN_LIST_ID, `"${ADMIN_LIST_ID}" is reserved for the administrator sources.`),
    label: labelSchema.pipe(z.string().min(1, "Give the list a name.")),
    origin: z.enum(SOURCE_LIST_ORIGINS),
    aws: awsRangesOriginSchema.optional(),
    addresses: addressListSchema.min(1, "A source list needs at least one address."),
  })
  .strict()
  .refine((l) => (l.origin === "aws-ip-ranges") === (l.aws !== undefined), { message: "An AWS list records its file and filter in `aws`; other lists have no `aws`.", path: ["aws"] });
export type SourceList = z.infer<typeof sourceListSchema>;

export const eximReverseDnsSchema = z.enum(["off", "relaxed", "strict"]);

export const policySchema = z
  .object({
    backend: backendSchema,
    /** Inbound default is always deny; kept explicit so the document says so. */
    inboundDefault: z.literal("deny").default("deny"),
    outbound: z.enum(["allow-all", "restricted"]),
    /** Filter IPv6 as well as IPv4. */
    ipv6: z.boolean(),
    /** Keyed by catalog service id; a service missing here is off. */
    services: z.record(idSchema, serviceChoiceSchema),
    customRules: z.array(customRuleSchema).max(500, "At most 500 custom rules."),
    blocked: z.array(blockedEntrySchema).max(200_000, "At most 200,000 blocked entries."),
    rateLimits: z.array(rateLimitSchema).max(100, "At most 100 rate limits."),
    /** Named source lists that services reference by id (format version 2). */
    sourceLists: z.array(sourceListSchema).max(50, "At most 50 source lists.").optional(),
    hardening: z
      .object({ eximReverseDns: eximReverseDnsSchema.default("off") })
      .strict()
      .default({ eximReverseDns: "off" }),
  })
  .strict()
  .superRefine((policy, ctx) => {
    // Ids key warnings, UI rows and rule comments: a repeated id would make two entries one.
    for (const list of ["customRules", "rateLimits"] as const) {
      const seen = new Set<string>();
      policy[list].forEach((entry, i) => {
        if (seen.has(entry.id)) ctx.addIssue({ code: "custom", message: `The id "${entry.id}" is already used; ids must be unique.`, path: [list, i, "id"] });
        seen.add(entry.id);
      });
    }
    const lists = new Set<string>([ADMIN_LIST_ID]);
    policy.sourceLists?.forEach((list, i) => {
      if (lists.has(list.id)) ctx.addIssue({ code: "custom", message: `The id "${list.id}" is already used; ids must be unique.`, path: ["sourceLists", i, "id"] });
      lists.add(list.id);
    });
    for (const [id, choice] of Object.entries(policy.services)) {
      choice.lists?.forEach((ref, i) => {
        if (!lists.has(ref)) ctx.addIssue({ code: "custom", message: `No source list "${ref}" in policy.sourceLists.`, path: ["services", id, "lists", i] });
      });
    }
  });
export type Policy = z.infer<typeof policySchema>;

/** A template revision number (1 for a template's first version). */
export const templateRevisionSchema = z.number().int().min(1, "A revision is 1 or more.").max(1_000_000_000, "Not a revision number.");

/**
 * The server's place in the fleet (format version 3): its tags (as lib/validations/tags.ts stores
 * them: lower case, sorted, no repeats) and the template it follows with the revision it took,
 * which its overrides are measured against. The template itself travels in a collection's
 * `templates` (./template-document.ts) or is found by name where the profile is imported.
 */
export const fleetSchema = z
  .object({
    tags: z
      .array(tagSchema)
      .max(TAGS_MAX, `At most ${TAGS_MAX} tags.`)
      .default([])
      .transform((tags) => [...new Set(tags)].sort()),
    template: z.object({ name: serverNameSchema, revision: templateRevisionSchema }).strict().optional(),
  })
  .strict();
export type Fleet = z.infer<typeof fleetSchema>;

/** True when `fleet` says anything: an empty one is left out, so the document keeps its lower version. */
export const hasFleet = (fleet: Fleet | undefined): fleet is Fleet => fleet !== undefined && (fleet.tags.length > 0 || fleet.template !== undefined);

export const profileDocumentSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT),
    version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    server: serverSchema,
    policy: policySchema,
    fleet: fleetSchema.optional(),
  })
  .strict()
  .transform(({ fleet, ...doc }) => {
    const version = hasFleet(fleet) ? FLEET_PROFILE_VERSION : usesSourceLists(doc.policy) ? SOURCE_LISTS_PROFILE_VERSION : PROFILE_VERSION;
    return { ...doc, version, ...(hasFleet(fleet) ? { fleet } : {}) };
  });
/** True when the policy needs format version 2 (named source lists or references to them). */
export function usesSourceLists(policy: Pick<Policy, "services" | "sourceLists">): boolean {
  return (policy.sourceLists?.length ?? 0) > 0 || Object.values(policy.services).some((c) => (c.lists?.length ?? 0) > 0);
}

export type ProfileDocument = z.infer<typeof profileDocumentSchema>;
/** Input shape (defaults not yet applied), e.g. for hand-written JSON. */
export type ProfileDocumentInput = z.input<typeof profileDocumentSchema>;
