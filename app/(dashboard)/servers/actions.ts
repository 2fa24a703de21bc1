"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureFrom, formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import {
  cloneServerProfile,
  createServerProfile,
  deleteServerProfile,
  updateServerProfile,
} from "@/lib/data/server-profiles";
import { AppError } from "@/lib/errors";
import { idParamSchema } from "@/lib/validations/download";
import { SERVER_PROFILE_FIELDS, serverProfileSchema } from "@/lib/validations/server-profile";

type FormState = ActionResult | null;

function parseForm(formData: FormData) {
  const values = formValues(formData, SERVER_PROFILE_FIELDS);
  return { values, parsed: serverProfileSchema.safeParse(values) };
}

export async function createServerAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const { values, parsed } = parseForm(formData);
  let id: string;
  try {
    await requireRole("editor");
    if (!parsed.success) return validationFailure(parsed.error, values);
    ({ id } = await createServerProfile(parsed.data));
  } catch (error) {
    return failureFrom(error, values);
  }
  revalidatePath("/servers");
  redirect(`/servers/${id}?saved=1`);
}

export async function updateServerAction(id: string, _prev: FormState, formData: FormData): Promise<ActionResult> {
  const { values, parsed } = parseForm(formData);
  const version = Number(formData.get("version"));
  try {
    await requireRole("editor");
    if (!parsed.success) return validationFailure(parsed.error, values);
    await updateServerProfile(id, version, parsed.data);
  } catch (error) {
    return failureFrom(error, values);
  }
  revalidatePath("/servers");
  redirect(`/servers/${id}?saved=1`);
}

/**
 * Runs a one-button action on a server: role check, id check, then the change. A refusal (signed
 * out, a viewer, a server that no longer exists) comes back as a result the form shows, not a 500.
 */
async function onServer<T>(id: string, run: (id: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    await requireRole("editor");
    const parsed = idParamSchema.safeParse(id);
    if (!parsed.success) throw new AppError("not-found", "This server no longer exists.");
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    return failureFrom(error);
  }
}

/** Copies the profile, then opens the copy's edit page so the user renames it. */
export async function cloneServerAction(id: string): Promise<ActionResult> {
  const copy = await onServer(id, cloneServerProfile);
  if (!copy.ok) return copy;
  revalidatePath("/servers");
  redirect(`/servers/${copy.data.id}/edit?cloned=1`);
}

export async function deleteServerAction(id: string): Promise<ActionResult> {
  const deleted = await onServer(id, deleteServerProfile);
  if (!deleted.ok) return deleted;
  revalidatePath("/servers");
  redirect(`/servers?${new URLSearchParams({ deleted: deleted.data.name })}`);
}
