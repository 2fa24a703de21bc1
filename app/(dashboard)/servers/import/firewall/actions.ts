"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureFrom, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { ImportRefused, importProfiles } from "@/lib/data/transfer";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { reviewOf, type ImportReview } from "@/lib/import/firewall-review";
import { prepareFirewallImport } from "@/lib/import/firewall-upload";
import { digestSchema } from "@/lib/validations/firewall-import";

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

/** Step 2: the same files again, imported again; stored only if they are the ones reviewed. */
export async function createFirewallImportAction(formData: FormData): Promise<ActionResult> {
  let id: string;
  try {
    await requireRole("editor");
    const digest = digestSchema.safeParse(formData.get("digest"));
    if (!digest.success) return { ok: false, message: digest.error.issues[0]?.message ?? "Review the import again.", fieldErrors: {} };
    const read = await prepareFirewallImport(formData);
    if (!read.ok) return read.failure;
    if (read.prepared.digest !== digest.data) {
      return { ok: false, message: "The files or choices are not the ones reviewed; nothing was stored. Review the import again.", fieldErrors: {} };
    }
    const [created] = await importProfiles([read.prepared.document], `${backendLabel(read.prepared.input.kind)} files`);
    if (!created) throw new Error("The import created no server.");
    id = created.id;
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, message: error.issues.map((i) => i.message).join(" "), fieldErrors: {} };
    return failureFrom(error);
  }
  revalidatePath("/servers");
  redirect(`/servers/${id}?imported=1`);
}
