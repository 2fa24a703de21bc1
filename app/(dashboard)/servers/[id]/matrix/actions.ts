"use server";

import { revalidatePath } from "next/cache";
import { failureFrom, type FieldErrors } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { savePolicy } from "@/lib/data/policies";
import { isAppError } from "@/lib/errors";
import { describeIssues } from "@/lib/firewall";
import { saveMatrixSchema, type SaveMatrixResult } from "@/lib/validations/matrix-save";

export async function saveMatrixAction(id: string, input: unknown): Promise<SaveMatrixResult> {
  try {
    await requireRole("editor");
    const parsed = saveMatrixSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of describeIssues(parsed.error.issues)) (fieldErrors[issue.path] ??= []).push(issue.message);
      return { ok: false, message: "The profile was not saved: some fields are not valid.", fieldErrors };
    }
    const saved = await savePolicy(id, parsed.data.version, parsed.data.policy);
    revalidatePath(`/servers/${id}`, "layout");
    return { ok: true, data: { version: saved.version, savedAt: saved.savedAt.toISOString() } };
  } catch (error) {
    return { ...failureFrom(error), isConflict: isAppError(error) && error.code === "conflict" };
  }
}
