import { z } from "zod";
import { hostAddressSchema, parseNetworkList } from "@/lib/firewall/address";

export const OS_OPTIONS = [
  { value: "almalinux", label: "AlmaLinux" },
  { value: "rocky", label: "Rocky Linux" },
  { value: "cloudlinux", label: "CloudLinux" },
  { value: "ubuntu", label: "Ubuntu" },
  { value: "debian", label: "Debian" },
] as const;

export const PANEL_OPTIONS = [
  { value: "cpanel", label: "cPanel & WHM" },
  { value: "froxlor", label: "froxlor" },
  { value: "other", label: "Other" },
] as const;

export type OsId = (typeof OS_OPTIONS)[number]["value"];
export type PanelId = (typeof PANEL_OPTIONS)[number]["value"];

const OS_IDS = OS_OPTIONS.map((o) => o.value) as [OsId, ...OsId[]];
const PANEL_IDS = PANEL_OPTIONS.map((o) => o.value) as [PanelId, ...PanelId[]];

export const NAME_MAX = 64;
export const NOTES_MAX = 2000;
const HOSTNAME_MAX = 253;
const ADMIN_SOURCES_MAX = 200;

export const SERVER_PROFILE_FIELDS = [
  "name", "hostname", "ipv4", "ipv6", "os", "panel", "sshPort", "adminSources", "notes",
] as const;

export function labelOf(options: readonly { value: string; label: string }[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
export function isValidHostname(value: string): boolean {
  if (value.length > HOSTNAME_MAX) return false;
  const labels = value.toLowerCase().split(".");
  if (!labels.every((l) => LABEL.test(l))) return false;
  // An all-numeric last label means an IP address was typed where a name belongs.
  return !/^\d+$/.test(labels[labels.length - 1] ?? "");
}

/** Empty input means "not set" (stored as ""); anything else must pass `schema`, with its own messages. */
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
    });

export const serverNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
  .regex(/^[A-Za-z0-9 ._-]*$/, "Use only letters, digits, spaces, dots, underscores and hyphens.");

const hostnameSchema = z
  .string()
  .max(HOSTNAME_MAX, `Use at most ${HOSTNAME_MAX} characters.`)
  .refine(isValidHostname, "Enter a host name such as server1.example.com (letters, digits, hyphens, dots).")
  .transform((h) => h.toLowerCase());

const sshPortSchema = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? 22 : typeof v === "string" ? Number(v.trim()) : v),
  z
    .number({ error: "Enter a port number." })
    .int("Enter a whole number.")
    .min(1, "Use a port between 1 and 65535.")
    .max(65535, "Use a port between 1 and 65535."),
);

/** Accepts a textarea (one per line or comma separated) or an array; yields canonical, de-duplicated CIDRs. */
const adminSourcesSchema = z
  .union([z.string().max(20_000, "The list is too long."), z.array(z.string().max(100)).max(ADMIN_SOURCES_MAX)])
  .transform((input, ctx) => {
    const text = Array.isArray(input) ? input.join("\n") : input;
    const { values, errors } = parseNetworkList(text);
    for (const e of errors) {
      const where = Array.isArray(input) ? `Entry ${e.line}` : `Line ${e.line}`;
      ctx.addIssue({ code: "custom", message: `${where}: ${e.message}` });
    }
    if (values.length > ADMIN_SOURCES_MAX) {
      ctx.addIssue({ code: "custom", message: `Use at most ${ADMIN_SOURCES_MAX} addresses.` });
    }
    return errors.length > 0 ? z.NEVER : values;
  });

/** One schema for the form, the server actions and the API. */
export const serverProfileSchema = z.object({
  name: serverNameSchema,
  hostname: optional(hostnameSchema).default(""),
  ipv4: optional(hostAddressSchema("ipv4")).default(""),
  ipv6: optional(hostAddressSchema("ipv6")).default(""),
  os: z.enum(OS_IDS, { error: "Choose an operating system." }),
  panel: z.enum(PANEL_IDS, { error: "Choose a control panel." }),
  sshPort: sshPortSchema,
  adminSources: adminSourcesSchema.default([]),
  notes: z.string().max(NOTES_MAX, `Use at most ${NOTES_MAX} characters.`).default(""),
});

export type ServerProfileInput = z.input<typeof serverProfileSchema>;
export type ServerProfileData = z.output<typeof serverProfileSchema>;

export const SERVER_PAGE_SIZE = 20;

/** Search and paging of the list, from the URL or the API query string. */
export const serverListQuerySchema = z.object({
  q: z.string().trim().max(100, "Search at most 100 characters.").catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ServerListQuery = z.infer<typeof serverListQuerySchema>;
