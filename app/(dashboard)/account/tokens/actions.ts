"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failureFrom, formValues, validationFailure, type ActionResult } from "@/lib/action-result";
import { tokenCreateSchema } from "@/lib/auth/api-tokens";
import { createMyToken, revokeMyToken } from "@/lib/data/api-tokens";

type FormState = ActionResult<{ name: string; secret: string }> | null;

/** Creates a token and answers its secret once; the page never shows it again. */
export async function createTokenAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ name: string; secret: string }>> {
  const values = formValues(formData, ["name", "scope", "days"]);
  try {
    const parsed = tokenCreateSchema.safeParse(values);
    if (!parsed.success) return validationFailure(parsed.error, values);
    const { secret } = await createMyToken(parsed.data);
    revalidatePath("/account/tokens");
    return { ok: true, data: { name: parsed.data.name, secret } };
  } catch (error) {
    return failureFrom(error, values);
  }
}

export async function revokeTokenAction(id: string): Promise<ActionResult> {
  try {
    const parsed = z.string().min(1).max(64).safeParse(id);
    if (!parsed.success) return validationFailure(parsed.error);
    await revokeMyToken(parsed.data);
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath("/account/tokens");
  return { ok: true, data: undefined, message: "Token revoked." };
}
