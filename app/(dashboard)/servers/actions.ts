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

/** Copies the profile, then opens the copy's edit page so the user renames it. */
export async function cloneServerAction(id: string): Promise<void> {
  await requireRole("editor");
  const copy = await cloneServerProfile(id);
  revalidatePath("/servers");
  redirect(`/servers/${copy.id}/edit?cloned=1`);
}

export async function deleteServerAction(id: string): Promise<void> {
  await requireRole("editor");
  const { name } = await deleteServerProfile(id);
  revalidatePath("/servers");
  redirect(`/servers?${new URLSearchParams({ deleted: name })}`);
}
