"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureFrom, formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { applyTemplateUpdate } from "@/lib/data/template-followers";
import { createTemplate, deleteTemplate, getTemplate, saveTemplatePolicy, updateTemplateDetails } from "@/lib/data/templates";
import { AppError } from "@/lib/errors";
import { idParamSchema } from "@/lib/validations/download";
import { readMatrixSave, type LatestRevision, type SaveMatrixResult } from "@/lib/validations/matrix-save";
import { applyTemplateSchema, createTemplateSchema, templateDetailsSchema } from "@/lib/validations/template";

type FormState = ActionResult | null;

const CREATE_FIELDS = ["name", "description", "panel", "os", "fromServerId", "follow"] as const;

export async function createTemplateAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const values = formValues(formData, CREATE_FIELDS);
  let id: string;
  try {
    await requireRole("editor");
    const parsed = createTemplateSchema.safeParse(values);
    if (!parsed.success) return validationFailure(parsed.error, values);
    ({ id } = await createTemplate(parsed.data));
  } catch (error) {
    return failureFrom(error, values);
  }
  revalidatePath("/templates");
  revalidatePath("/servers");
  redirect(`/templates/${id}?created=1`);
}

function templateId(id: string): string {
  const parsed = idParamSchema.safeParse(id);
  if (!parsed.success) throw new AppError("not-found", "This template no longer exists.");
  return parsed.data;
}

export async function updateTemplateDetailsAction(id: string, _prev: FormState, formData: FormData): Promise<ActionResult> {
  const values = formValues(formData, ["name", "description"]);
  try {
    await requireRole("editor");
    const parsed = templateDetailsSchema.safeParse(values);
    if (!parsed.success) return validationFailure(parsed.error, values);
    await updateTemplateDetails(templateId(id), parsed.data);
  } catch (error) {
    return failureFrom(error, values);
  }
  revalidatePath(`/templates/${id}`, "layout");
  revalidatePath("/servers");
  return { ok: true, data: undefined, message: "Saved." };
}

export async function deleteTemplateAction(id: string): Promise<ActionResult> {
  try {
    await requireRole("editor");
    await deleteTemplate(templateId(id));
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath("/templates");
  redirect("/templates?deleted=1");
}

async function latestTemplate(id: string): Promise<LatestRevision | undefined> {
  const t = await getTemplate(id);
  return t ? { version: t.version, savedAt: t.updatedAt.toISOString(), server: t.document.server, policy: t.document.policy } : undefined;
}

/** The matrix editor's save, for a template: a new template revision (followers change only after review). */
export async function saveTemplateMatrixAction(id: string, input: unknown): Promise<SaveMatrixResult> {
  try {
    await requireRole("editor");
    const parsed = readMatrixSave(input, "template");
    if (!parsed.ok) return parsed.result;
    const saved = await saveTemplatePolicy(templateId(id), parsed.data.version, parsed.data.policy);
    revalidatePath(`/templates/${id}`, "layout");
    return { ok: true, data: { version: saved.version, savedAt: saved.savedAt.toISOString() } };
  } catch (error) {
    const isConflict = error instanceof AppError && error.code === "conflict";
    return { ...failureFrom(error), isConflict, ...(isConflict ? { latest: await latestTemplate(id) } : {}) };
  }
}

/** The review page's "Apply": the chosen followers take the template's revision; then back to the template with a notice. */
export async function applyTemplateUpdateAction(id: string, input: unknown): Promise<ActionResult> {
  let result;
  try {
    await requireRole("editor");
    const parsed = applyTemplateSchema.safeParse(input);
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "The selection is not valid: review again.", fieldErrors: {} };
    result = await applyTemplateUpdate(templateId(id), parsed.data);
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath(`/templates/${id}`, "layout");
  revalidatePath("/servers");
  const names = result.updated.slice(0, 10).join(", ") + (result.updated.length > 10 ? ", …" : "");
  const notice = `Revision ${result.templateVersion} applied to ${result.updated.length} server${result.updated.length === 1 ? "" : "s"}${names ? ` (${names})` : ""}: each has a new revision to review and download.`;
  redirect(`/templates/${id}?${new URLSearchParams({ applied: notice })}`);
}
