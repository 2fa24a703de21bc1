"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failureFrom, type ActionResult, type FieldErrors } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { savePolicy } from "@/lib/data/policies";
import { isAppError } from "@/lib/errors";
import { describeIssues, policySchema } from "@/lib/firewall";

const saveMatrixSchema = z.object({ version: z.number().int().min(1), policy: policySchema }).strict();

export type SavedMatrix = { version: number; savedAt: string };
/** `isConflict`: someone saved in between; the page keeps the edits and offers to reload or copy. */
export type SaveMatrixResult = ActionResult<SavedMatrix> & { isConflict?: boolean };

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
