"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failureFrom, validationFailure, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { acknowledgeWarnings } from "@/lib/data/policies";

const acknowledgeSchema = z.object({
  warningIds: z.array(z.string().min(1).max(100)).max(200),
});

/** Records that the user accepts the critical warnings of revision `version` (all of them). */
export async function acknowledgeAction(id: string, version: number, _prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  // A checkbox group posts one "warningId" per ticked box: getAll, not Object.fromEntries.
  const parsed = acknowledgeSchema.safeParse({ warningIds: formData.getAll("warningId") });
  try {
    await requireRole("editor");
    if (!parsed.success) return validationFailure(parsed.error);
    await acknowledgeWarnings(id, version, parsed.data.warningIds);
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath(`/servers/${id}`, "layout");
  return { ok: true, data: undefined, message: "Acknowledged: downloads are enabled for this revision." };
}
