/**
 * The server form and API read text into the one server schema (lib/firewall/policy/server.ts):
 * the rules are the profile document's; only the SSH port field and the administrator-sources
 * textarea need reading first.
 */
import { z } from "zod";
import { parseNetworkList } from "@/lib/firewall/address";
import { OPERATING_SYSTEMS, osLabel, panelLabel, PANELS } from "@/lib/firewall/policy/os";
import { serverSchema, SERVER_FIELDS } from "@/lib/firewall/policy/server";
import { tagListSchema } from "./tags";

export { isValidHostname, NAME_MAX, NOTES_MAX } from "@/lib/firewall/policy/server";

export const OS_OPTIONS = OPERATING_SYSTEMS.map((value) => ({ value, label: osLabel(value) }));
export const PANEL_OPTIONS = PANELS.map((value) => ({ value, label: panelLabel(value) }));

/** The document's server fields, plus the tags (the dashboard's own, not part of the profile format). */
export const SERVER_PROFILE_FIELDS = [...SERVER_FIELDS, "tags"] as const;

const { sshPort, adminSources } = serverSchema.shape;

/** A text field: empty means the default port; digits only, so "0x16" or "2e3" is not a port. */
const sshPortText = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const text = v.trim();
  return text === "" ? undefined : /^\d+$/.test(text) ? Number(text) : Number.NaN;
}, sshPort);

/** A textarea (one per line or comma separated) or an array; each bad entry is named by its line. */
const adminSourcesText = z
  .union([z.string().max(20_000, "The list is too long."), z.array(z.string().max(100))])
  .transform((input, ctx) => {
    const { values, errors } = parseNetworkList(Array.isArray(input) ? input.join("\n") : input);
    for (const e of errors) {
      ctx.addIssue({ code: "custom", message: `${Array.isArray(input) ? "Entry" : "Line"} ${e.line}: ${e.message}` });
    }
    return errors.length > 0 ? z.NEVER : values;
  })
  .pipe(adminSources.removeDefault())
  .default([]);

/** The server schema for the form, the server actions and the API (unknown keys are dropped). */
export const serverProfileSchema = z.object({ ...serverSchema.shape, sshPort: sshPortText, adminSources: adminSourcesText, tags: tagListSchema });

export type ServerProfileInput = z.input<typeof serverProfileSchema>;
export type ServerProfileData = z.output<typeof serverProfileSchema>;

export { SERVER_PAGE_SIZE, serverListQuerySchema, type ServerListQuery } from "./server-list";
