/**
 * The firewall profile document: one server's facts plus its port matrix. This is the single
 * format for export, import, the CLI and what every renderer and the warnings engine read.
 * Every string that can reach a rule file is either an enum, a canonical address, a number, or a
 * label restricted to a safe character set (docs/backends.md §10.5).
 */
import { z } from "zod";
import { networkSchema } from "../address";
import { portRangeSchema } from "./ports";
import { serverSchema } from "./server";

export { OPERATING_SYSTEMS, PANELS, type OperatingSystem, type Panel } from "./os";
export { portRangeSchema, portSchema, type PortRange } from "./ports";
export { osSchema, panelSchema, PROFILE_NAME_PATTERN, serverSchema, type Server } from "./server";

export const PROFILE_FORMAT = "portcullis/profile";
export const PROFILE_VERSION = 1;

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

const sourceListSchema = z.array(networkSchema).max(10_000, "At most 10,000 sources per entry.");

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
    sources: sourceListSchema.default([]),
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
    sources: sourceListSchema.default([]),
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
  });
export type Policy = z.infer<typeof policySchema>;

export const profileDocumentSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT),
    version: z.literal(PROFILE_VERSION),
    server: serverSchema,
    policy: policySchema,
  })
  .strict();
export type ProfileDocument = z.infer<typeof profileDocumentSchema>;
/** Input shape (defaults not yet applied), e.g. for hand-written JSON. */
export type ProfileDocumentInput = z.input<typeof profileDocumentSchema>;
