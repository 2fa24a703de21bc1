import { z } from "zod";
import { expectedErrorOf, type FieldErrors } from "@/lib/errors";

export type { FieldErrors } from "@/lib/errors";

/** The one result type every server action returns. `values` lets a form show what was typed. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors: FieldErrors; values?: Record<string, string> };

export function validationFailure(error: z.ZodError, values?: Record<string, string>): ActionResult<never> {
  return {
    ok: false,
    message: "Check the highlighted fields.",
    fieldErrors: z.flattenError(error).fieldErrors as FieldErrors,
    values,
  };
}

/** Turns an expected AppError (or a busy/unwritable database) into a result; anything else is rethrown to error.tsx. */
export function failureFrom(error: unknown, values?: Record<string, string>): ActionResult<never> {
  const expected = expectedErrorOf(error);
  if (!expected) throw error;
  return { ok: false, message: expected.message, fieldErrors: expected.fieldErrors ?? {}, values };
}

/** Reads the named text fields of a form, so a failed submit can be shown back unchanged. */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const v = formData.get(name);
    values[name] = typeof v === "string" ? v : "";
  }
  return values;
}
