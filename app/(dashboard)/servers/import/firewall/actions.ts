"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureFrom, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { reviewOf, type ImportReview } from "@/lib/import/firewall-review";
import { createFromFirewallImport, prepareFirewallImport } from "@/lib/import/firewall-upload";

/** Step 1: read and import the files, store nothing, return what the review shows. */
export async function reviewFirewallImportAction(formData: FormData): Promise<ActionResult<ImportReview>> {
  try {
    await requireRole("editor");
    const read = await prepareFirewallImport(formData);
    if (!read.ok) return read.failure;
    return { ok: true, data: reviewOf(read.prepared) };
  } catch (error) {
    return failureFrom(error);
  }
}

/** Step 2: the same files again, imported again; stored only if they are the ones reviewed. Opens the new port matrix. */
export async function createFirewallImportAction(formData: FormData): Promise<ActionResult> {
  let id: string;
  try {
    await requireRole("editor");
    const created = await createFromFirewallImport(formData);
    if (!created.ok) return created;
    id = created.data.id;
  } catch (error) {
    return failureFrom(error);
  }
  revalidatePath("/servers");
  redirect(`/servers/${id}/matrix`);
}
