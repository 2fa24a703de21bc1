/**
 * The template document: one template, as export writes it into a collection's `templates`:
 * `{ format: "portcullis/template", version: 1, template: { name, description, panel, os,
 * revision }, policy, bases: [ { revision, policy }, … ] }`. `policy` is the template's latest
 * revision (`template.revision`); `bases` holds the older revisions that exported followers still
 * follow, because a follower's overrides are measured against the revision it took and an import
 * without it could not tell an override from an inherited value. Pure; written canonically
 * (schema key order, services sorted by id, bases oldest first, two-space indent, final newline).
 */
import { z } from "zod";
import { describeIssues, formatIssuePath, type DocumentIssue } from "./document";
import { policySchema, templateRevisionSchema, type Policy } from "./schema";
import { templateDetailsSchema } from "@/lib/validations/template";
import { osSchema, panelSchema } from "./server";

export const TEMPLATE_FORMAT = "portcullis/template";
export const TEMPLATE_VERSION = 1;
/** A base per exported follower at most; keeps one file's size bounded. */
export const TEMPLATE_MAX_BASES = 1000;

const baseSchema = z.object({ revision: templateRevisionSchema, policy: policySchema }).strict();

export const templateDocumentSchema = z
  .object({
    format: z.literal(TEMPLATE_FORMAT),
    version: z.literal(TEMPLATE_VERSION),
    /** Name and description as the template form takes them (the server name rule). */
    template: templateDetailsSchema.extend({ panel: panelSchema, os: osSchema, revision: templateRevisionSchema }).strict(),
    policy: policySchema,
    bases: z.array(baseSchema).max(TEMPLATE_MAX_BASES, `At most ${TEMPLATE_MAX_BASES} older revisions.`).default([]),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<number>();
    doc.bases.forEach((base, i) => {
      if (base.revision >= doc.template.revision) {
        ctx.addIssue({ code: "custom", message: `An older revision must be below the template's revision ${doc.template.revision}.`, path: ["bases", i, "revision"] });
      }
      if (seen.has(base.revision)) ctx.addIssue({ code: "custom", message: `Revision ${base.revision} is listed twice.`, path: ["bases", i, "revision"] });
      seen.add(base.revision);
    });
  })
  .transform((doc) => ({ ...doc, bases: [...doc.bases].sort((a, b) => a.revision - b.revision) }));
export type TemplateDocument = z.infer<typeof templateDocumentSchema>;

export type ParseTemplateResult = { ok: true; value: TemplateDocument } | { ok: false; issues: DocumentIssue[] };

/** Validates a template document (an already-parsed JSON value); every problem with its JSON path. */
export function parseTemplateDocument(value: unknown): ParseTemplateResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: "(root)", message: `Expected a JSON object with "format": "${TEMPLATE_FORMAT}".` }] };
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== TEMPLATE_FORMAT) return { ok: false, issues: [{ path: "format", message: `Not a Portcullis template: "format" must be "${TEMPLATE_FORMAT}".` }] };
  if (typeof version === "number" && version > TEMPLATE_VERSION) {
    return { ok: false, issues: [{ path: "version", message: `Written by a newer Portcullis (template format version ${version}); this one reads version ${TEMPLATE_VERSION}.` }] };
  }
  const result = templateDocumentSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: describeIssues(result.error.issues) };
}

/** The policy of `revision` (the latest or one of the bases), or undefined. */
export function templateRevisionOf(doc: TemplateDocument, revision: number): Policy | undefined {
  if (revision === doc.template.revision) return doc.policy;
  return doc.bases.find((b) => b.revision === revision)?.policy;
}

const sortServices = (policy: Policy): Policy => ({
  ...policy,
  services: Object.fromEntries(Object.entries(policy.services).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
});

/** Canonical value of a template document (what `serializeTemplateDocument` writes). */
export function canonicalTemplateDocument(doc: TemplateDocument): TemplateDocument {
  const parsed = templateDocumentSchema.safeParse(doc);
  if (!parsed.success) throw new Error(`Not a valid template document: ${formatIssuePath(parsed.error.issues[0]?.path ?? [])}: ${parsed.error.issues[0]?.message}`);
  const t = parsed.data;
  return { ...t, policy: sortServices(t.policy), bases: t.bases.map((b) => ({ revision: b.revision, policy: sortServices(b.policy) })) };
}

/** Canonical JSON text of a template document; parsing it yields an equal document. */
export function serializeTemplateDocument(doc: TemplateDocument): string {
  return `${JSON.stringify(canonicalTemplateDocument(doc), null, 2)}\n`;
}
