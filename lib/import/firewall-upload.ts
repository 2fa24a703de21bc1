import "server-only";
/**
 * The dashboard's firewall import, between the form and the data layer. Nothing is kept between
 * the review step and the create step: the browser sends the same files again with "Create
 * server", the server imports them again from scratch, and a SHA-256 fingerprint of the files and
 * choices (shown in the review, posted back) proves they are the ones reviewed. The client can
 * only ever create what its own files import to, which it could do by uploading them anyway.
 */
import { createHash } from "node:crypto";
import { formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { ImportRefused, importProfiles, serverNameInUse } from "@/lib/data/transfer";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { gatherFiles, type ReceivedFile } from "@/lib/firewall/import/gather";
import { importFirewall, ImportInputError, type Finding } from "@/lib/firewall/import";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { digestSchema, FIREWALL_IMPORT_FIELDS, firewallImportSchema, MAX_UNPACKED_BYTES, type FirewallImportInput } from "@/lib/validations/firewall-import";

export type PreparedImport = {
  input: FirewallImportInput;
  digest: string;
  document: ProfileDocument;
  findings: Finding[];
  files: { path: string; text: string }[];
  skipped: string[];
};

type Prepared = { ok: true; prepared: PreparedImport } | { ok: false; failure: ActionResult<never> };

const refused = (message: string, values: Record<string, string>): Prepared => ({ ok: false, failure: { ok: false, message, fieldErrors: {}, values } });

function fingerprint(input: FirewallImportInput, received: readonly ReceivedFile[]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([input.kind, input.name, input.os, input.panel, input.target ?? ""]));
  for (const f of received) {
    hash.update(`\n${f.name.length}:${f.name}:${f.bytes.length}:`);
    hash.update(f.bytes);
  }
  return hash.digest("hex");
}

/** Validate the form, read the files and import them; a failure says what and where, and nothing is stored. */
export async function prepareFirewallImport(formData: FormData): Promise<Prepared> {
  const values = formValues(formData, FIREWALL_IMPORT_FIELDS);
  const parsed = firewallImportSchema.safeParse({ ...values, files: formData.getAll("files") });
  if (!parsed.success) return { ok: false, failure: validationFailure(parsed.error, values) };
  const input = parsed.data;
  const held = await serverNameInUse(input.name);
  if (held !== null) {
    const message = `A server named "${held}" already exists${held === input.name ? "" : "; names are unique regardless of case"}.`;
    return { ok: false, failure: { ok: false, message: "Check the highlighted fields.", fieldErrors: { name: [message] }, values } };
  }
  const received = await Promise.all(input.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  try {
    const read = gatherFiles(received, MAX_UNPACKED_BYTES);
    if (read.files.length === 0) return refused(`Nothing was imported: the upload holds no text files${read.skipped.length > 0 ? ` (only ${read.skipped.slice(0, 5).join(", ")})` : ""}.`, values);
    const result = importFirewall(input.kind, read.files, { name: input.name, os: input.os, panel: input.panel, backend: input.target });
    if (!result.ok) return refused(`Nothing was imported: ${result.message}`, values);
    const prepared = { input, digest: fingerprint(input, received), document: result.document, findings: result.findings, files: read.files, skipped: read.skipped };
    return { ok: true, prepared };
  } catch (error) {
    if (error instanceof ImportInputError) return refused(`Nothing was imported: ${error.message}`, values);
    throw error;
  }
}

/**
 * The create step: the files of the review sent again with its fingerprint. They are imported
 * again and stored (revision 1, audited) only if the fingerprint matches; otherwise nothing is.
 */
export async function createFromFirewallImport(formData: FormData): Promise<ActionResult<{ id: string }>> {
  const digest = digestSchema.safeParse(formData.get("digest"));
  if (!digest.success) return { ok: false, message: digest.error.issues[0]?.message ?? "Review the import again.", fieldErrors: {} };
  const read = await prepareFirewallImport(formData);
  if (!read.ok) return read.failure;
  if (read.prepared.digest !== digest.data) {
    return { ok: false, message: "The files or choices are not the ones reviewed; nothing was stored. Review the import again.", fieldErrors: {} };
  }
  try {
    const [created] = await importProfiles([read.prepared.document], `${backendLabel(read.prepared.input.kind)} files`);
    if (!created) throw new Error("The import created no server.");
    return { ok: true, data: { id: created.id } };
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, message: error.issues.map((i) => i.message).join(" "), fieldErrors: {} };
    throw error;
  }
}
