/**
 * The server record: one schema for its fields, used by the profile document, the dashboard's
 * form, actions and routes (lib/validations/server-profile.ts reads form text into it) and the CLI.
 * A name it accepts is safe in file names and rule-file headers.
 */
import { z } from "zod";
import { hostAddressSchema, networkSchema } from "../address";
import { OPERATING_SYSTEMS, PANELS } from "./os";
import { portSchema } from "./ports";

export const NAME_MAX = 64;
export const HOSTNAME_MAX = 253;
export const NOTES_MAX = 2000;
export const ADMIN_SOURCES_MAX = 500;

/** The whole name rule as one pattern (what the schema below checks, step by step with messages). */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export const serverNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
  .regex(/^[A-Za-z0-9 ._-]*$/, "Use only letters, digits, spaces, dots, underscores and hyphens.")
  // A leading - . or _ reads as an option on a command line or a hidden file in an archive.
  .regex(/^(?![-._])/, "Start with a letter or digit.");

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
export function isValidHostname(value: string): boolean {
  if (value.length > HOSTNAME_MAX) return false;
  const labels = value.toLowerCase().split(".");
  if (!labels.every((l) => LABEL.test(l))) return false;
  // An all-numeric last label means an IP address was typed where a name belongs.
  return !/^\d+$/.test(labels[labels.length - 1] ?? "");
}

/** Empty means "not set" (stored as ""); anything else must pass `schema`, with its own messages. */
const optional = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return "";
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    })
    .default("");

const hostnameSchema = z
  .string()
  .max(HOSTNAME_MAX, `Use at most ${HOSTNAME_MAX} characters.`)
  .refine(isValidHostname, "Enter a host name such as server1.example.com (letters, digits, hyphens, dots).")
  .transform((h) => h.toLowerCase());

export const osSchema = z.enum(OPERATING_SYSTEMS, { error: "Choose an operating system." });
export const panelSchema = z.enum(PANELS, { error: "Choose a control panel." });

/** Canonical addresses or networks administrators connect from. */
export const adminSourcesSchema = z
  .array(networkSchema)
  .max(ADMIN_SOURCES_MAX, `Use at most ${ADMIN_SOURCES_MAX} administrator sources.`);

export const serverSchema = z
  .object({
    name: serverNameSchema,
    hostname: optional(hostnameSchema),
    ipv4: optional(hostAddressSchema("ipv4")),
    ipv6: optional(hostAddressSchema("ipv6")),
    os: osSchema,
    panel: panelSchema,
    sshPort: portSchema.default(22),
    adminSources: adminSourcesSchema.default([]),
    notes: z.string().max(NOTES_MAX, `Use at most ${NOTES_MAX} characters.`).default(""),
  })
  .strict();
export type Server = z.infer<typeof serverSchema>;
export type ServerInput = z.input<typeof serverSchema>;
export const SERVER_FIELDS = Object.keys(serverSchema.shape) as (keyof Server)[];
