"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureFrom, formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { changeUserRole, createUser, removeUser, resetUserPassword, setUserDisabled, unlockUser } from "@/lib/data/users";
import { NEW_USER_FIELDS, newUserSchema, resetPasswordSchema, roleSchema, userIdSchema } from "@/lib/validations/user";

type FormState = ActionResult | null;

export async function createUserAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const values = formValues(formData, NEW_USER_FIELDS.filter((f) => f !== "password")); // passwords are never sent back
  let email: string;
  try {
    await requireRole("admin");
    const parsed = newUserSchema.safeParse({ ...values, password: formData.get("password") ?? "" });
    if (!parsed.success) return validationFailure(parsed.error, values);
    await createUser(parsed.data);
    email = parsed.data.email;
  } catch (error) {
    return failureFrom(error, values);
  }
  revalidatePath("/users");
  redirect(`/users?${new URLSearchParams({ created: email })}`);
}

/** Role change, disable/enable and removal share this shape: one row's small form. */
async function rowAction(id: string, run: (id: string) => Promise<void>, message: string): Promise<ActionResult> {
  try {
    await requireRole("admin");
    const parsedId = userIdSchema.safeParse(id);
    if (!parsedId.success) return validationFailure(parsedId.error);
    await run(parsedId.data);
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath("/users");
  return { ok: true, data: undefined, message };
}

export async function changeRoleAction(id: string, _prev: FormState, formData: FormData): Promise<ActionResult> {
  const role = roleSchema.safeParse(formData.get("role"));
  if (!role.success) return validationFailure(role.error);
  return rowAction(id, (userId) => changeUserRole(userId, role.data), "Role changed.");
}

export async function setDisabledAction(id: string, disabled: boolean): Promise<ActionResult> {
  return rowAction(id, (userId) => setUserDisabled(userId, disabled), disabled ? "Account disabled." : "Account enabled.");
}

export async function removeUserAction(id: string): Promise<ActionResult> {
  return rowAction(id, removeUser, "Account removed.");
}

export async function unlockUserAction(id: string): Promise<ActionResult> {
  return rowAction(id, unlockUser, "Sign-in lock lifted.");
}

export async function resetPasswordAction(id: string, _prev: FormState, formData: FormData): Promise<ActionResult> {
  try {
    await requireRole("admin");
    const parsed = resetPasswordSchema.safeParse({ password: formData.get("password") ?? "", confirmPassword: formData.get("confirmPassword") ?? "" });
    if (!parsed.success) return validationFailure(parsed.error);
    await resetUserPassword(id, parsed.data.password);
  } catch (error) {
    return failureFrom(error);
  }
  redirect("/users?reset=1");
}
