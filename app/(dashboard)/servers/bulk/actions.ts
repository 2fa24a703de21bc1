"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failureFrom, formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { applyBulkChangeTo, previewBulkChange, type BulkPreview } from "@/lib/data/bulk";
import { BULK_MAX_SERVERS, bulkChangeSchema, type BulkChange } from "@/lib/fleet/bulk";
import { BULK_FORM_FIELDS, bulkFormSchema } from "@/lib/validations/bulk";
import { idParamSchema } from "@/lib/validations/download";

const idsSchema = z.array(idParamSchema).min(1).max(BULK_MAX_SERVERS);
const expectedSchema = z.array(z.object({ id: idParamSchema, version: z.number().int().min(1) })).min(1).max(BULK_MAX_SERVERS);

/** `values`: the form as typed, shown again beside the preview (a form action resets its fields). */
export type BulkPreviewState = { preview: BulkPreview; change: BulkChange; values: Record<string, string> };

/** Parses the form's change and previews it on the selected servers; stores nothing. */
export async function previewBulkAction(ids: string[], _prev: ActionResult<BulkPreviewState> | null, formData: FormData): Promise<ActionResult<BulkPreviewState>> {
  const values = formValues(formData, BULK_FORM_FIELDS);
  try {
    await requireRole("editor");
    const selected = idsSchema.safeParse(ids);
    if (!selected.success) return { ok: false, message: "The selection is not valid: go back to the list and select again.", fieldErrors: {}, values };
    const parsed = bulkFormSchema.safeParse(Object.fromEntries(BULK_FORM_FIELDS.map((f) => [f, formData.get(f) ?? undefined])));
    if (!parsed.success) return validationFailure(parsed.error, values);
    return { ok: true, data: { preview: await previewBulkChange(selected.data, parsed.data), change: parsed.data, values } };
  } catch (error) {
    return failureFrom(error, values);
  }
}

/** Applies the previewed change at the versions the preview showed; then back to the list with a notice. */
export async function applyBulkAction(change: unknown, expected: unknown): Promise<ActionResult> {
  let done;
  try {
    await requireRole("editor");
    const parsedChange = bulkChangeSchema.safeParse(change);
    const parsedExpected = expectedSchema.safeParse(expected);
    if (!parsedChange.success || !parsedExpected.success) return { ok: false, message: "The change is not valid: preview it again.", fieldErrors: {} };
    done = await applyBulkChangeTo(parsedExpected.data, parsedChange.data);
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath("/servers");
  redirect(`/servers?${new URLSearchParams({ bulk: done.description, changed: String(done.changed.length), unchanged: String(done.unchanged) })}`);
}
