"use server";

import { redirect } from "next/navigation";
import { failureFrom, formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { createFirstAdmin } from "@/lib/data/users";
import { setupSchema } from "@/lib/validations/user";

// Public on purpose (no user exists yet); createFirstAdmin refuses once anyone exists.
export async function setupAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const values = formValues(formData, ["name", "email"]); // passwords are never sent back
  const parsed = setupSchema.safeParse({
    ...values,
    password: formData.get("password") ?? "",
    confirmPassword: formData.get("confirmPassword") ?? "",
  });
  if (!parsed.success) return validationFailure(parsed.error, values);
  try {
    await createFirstAdmin(parsed.data);
  } catch (error) {
    return failureFrom(error, values);
  }
  redirect("/login?setup=done");
}
