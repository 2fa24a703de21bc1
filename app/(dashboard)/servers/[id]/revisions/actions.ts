"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failureFrom, validationFailure, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { restoreRevision } from "@/lib/data/revisions";

const restoreSchema = z.object({ from: z.coerce.number().int().min(1), expected: z.coerce.number().int().min(1) });

/** Restores revision `from` as a new save; `expected` is the version the page showed. */
export async function restoreRevisionAction(id: string, _prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  let version: number;
  try {
    await requireRole("editor");
    const parsed = restoreSchema.safeParse({ from: formData.get("from"), expected: formData.get("expected") });
    if (!parsed.success) return validationFailure(parsed.error);
    ({ version } = await restoreRevision(id, parsed.data.from, parsed.data.expected));
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath(`/servers/${id}`, "layout");
  redirect(`/servers/${id}/revisions?restored=${version}`);
}
