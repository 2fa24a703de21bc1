/**
 * Template forms and routes: the details (name, description, panel, OS, where the policy starts),
 * and the review of a template change (which followers take it, whose critical warnings are
 * acknowledged). Names follow the server name rule (lib/firewall/policy/server.ts).
 */
import { z } from "zod";
import { osSchema, panelSchema, serverNameSchema } from "@/lib/firewall/policy/server";
import { FOLLOW_MODES } from "@/lib/firewall/policy/template";

export const DESCRIPTION_MAX = 500;

/** Row ids are cuids: lower-case letters and digits. */
export const rowIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/, "Not a valid id.");

export const templateDetailsSchema = z
  .object({
    name: serverNameSchema,
    description: z.string().trim().max(DESCRIPTION_MAX, `Use at most ${DESCRIPTION_MAX} characters.`).default(""),
  })
  .strict();

export const createTemplateSchema = templateDetailsSchema
  .extend({
    /** Required unless the template starts from a server (whose panel and OS it takes). */
    panel: z.preprocess((v) => (v === "" ? undefined : v), panelSchema.optional()),
    os: z.preprocess((v) => (v === "" ? undefined : v), osSchema.optional()),
    /** Start from this server's saved policy (its panel and OS win); otherwise the panel's defaults. */
    fromServerId: z.preprocess((v) => (v === "" ? undefined : v), rowIdSchema.optional()),
    /** With `fromServerId`: that server follows the new template at once (it has no overrides). */
    follow: z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean()).default(false),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.fromServerId) return;
    if (!t.panel) ctx.addIssue({ code: "custom", path: ["panel"], message: "Choose a control panel." });
    if (!t.os) ctx.addIssue({ code: "custom", path: ["os"], message: "Choose an operating system." });
  });
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

export const followModeSchema = z.enum(FOLLOW_MODES, { error: "Choose whether to take the template's policy or keep the server's." });

/** The review page's form: the followers to update at the versions their preview showed. */
export const applyTemplateSchema = z
  .object({
    templateVersion: z.coerce.number().int().min(1),
    servers: z.array(z.object({ id: rowIdSchema, version: z.coerce.number().int().min(1) }).strict()).min(1, "Select at least one server.").max(1000, "At most 1,000 servers at once."),
    /** Servers whose new critical warnings the admin accepts (required for each that has some). */
    acknowledged: z.array(rowIdSchema).max(1000).default([]),
  })
  .strict();
export type ApplyTemplateInput = z.infer<typeof applyTemplateSchema>;
