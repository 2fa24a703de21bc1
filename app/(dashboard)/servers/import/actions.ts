"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureFrom, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { ImportRefused, importCollection } from "@/lib/data/transfer";
import { formatCollectionIssue, parseProfileCollection, type CollectionIssue } from "@/lib/firewall/policy/collection";
import { IMPORT_LIMIT_BYTES, IMPORT_LIMIT_LABEL } from "@/lib/validations/import";
import { listedIssues, moreIssuesLine } from "@/lib/validations/import-issues";

function refused(all: CollectionIssue[]): ActionResult {
  const { issues, issueCount } = listedIssues(all);
  const more = moreIssuesLine(issueCount);
  return {
    ok: false,
    message: `Nothing was imported: ${issueCount.toLocaleString("en-US")} problem${issueCount === 1 ? "" : "s"} found.`,
    fieldErrors: { issues: [...issues.map(formatCollectionIssue), ...(more ? [more] : [])] },
  };
}

/** Reads the uploaded file, or else the pasted text. */
async function readInput(formData: FormData): Promise<{ text: string } | { error: string }> {
  const file = formData.get("file");
  const pasted = formData.get("text");
  if (file instanceof File && file.size > 0) {
    if (file.size > IMPORT_LIMIT_BYTES) return { error: `The file is larger than ${IMPORT_LIMIT_LABEL}.` };
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
    } catch {
      return { error: "The file is not UTF-8 text." };
    }
  }
  if (typeof pasted === "string" && pasted.trim() !== "") {
    if (new TextEncoder().encode(pasted).byteLength > IMPORT_LIMIT_BYTES) return { error: `The text is larger than ${IMPORT_LIMIT_LABEL}.` };
    return { text: pasted };
  }
  return { error: "Choose a file or paste its JSON." };
}

export async function importAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  let created: { profiles: number; templates: number };
  try {
    await requireRole("editor");
    const input = await readInput(formData);
    if ("error" in input) return { ok: false, message: input.error, fieldErrors: {} };
    const parsed = parseProfileCollection(input.text);
    if (!parsed.ok) return refused(parsed.issues);
    const result = await importCollection(parsed);
    created = { profiles: result.profiles.length, templates: result.templates };
  } catch (error) {
    if (error instanceof ImportRefused) return refused(error.issues);
    return failureFrom(error);
  }
  revalidatePath("/servers");
  redirect(`/servers?imported=${created.profiles}${created.templates > 0 ? `&templates=${created.templates}` : ""}`);
}
