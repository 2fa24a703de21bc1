"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failureFrom, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { verifyServer } from "@/lib/data/verifications";
import type { Drift } from "@/lib/firewall/verify";
import { IMPORT_LIMIT_BYTES, IMPORT_LIMIT_LABEL } from "@/lib/validations/import";

export type VerifyOutcome = { inSync: boolean; revision: number; matches: number | null; host: string; time: string; drift: Drift[]; foreign: string[] };

const fileSchema = z.instanceof(File, { error: "Choose the portcullis-live-….txt file verify.sh wrote." })
  .refine((f) => f.size > 0, "Choose the portcullis-live-….txt file verify.sh wrote.")
  .refine((f) => f.size <= IMPORT_LIMIT_BYTES, `The file is larger than ${IMPORT_LIMIT_LABEL}.`);

/** Compares an uploaded live file with the server's revisions; the verdict is stored and audited. */
export async function verifyServerAction(id: string, _prev: ActionResult<VerifyOutcome> | null, formData: FormData): Promise<ActionResult<VerifyOutcome>> {
  try {
    await requireRole("editor");
    const file = fileSchema.safeParse(formData.get("live"));
    if (!file.success) return { ok: false, message: file.error.issues[0]?.message ?? "Choose a file.", fieldErrors: { live: file.error.issues.map((i) => i.message) } };
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.data.arrayBuffer());
    } catch {
      return { ok: false, message: "The file is not UTF-8 text.", fieldErrors: { live: ["The file is not UTF-8 text."] } };
    }
    const v = await verifyServer(id, text);
    revalidatePath("/servers");
    revalidatePath(`/servers/${id}`);
    return { ok: true, data: { inSync: v.result.inSync, revision: v.revision, matches: v.matches, host: v.result.host, time: v.result.time, drift: v.result.drift, foreign: v.result.foreign } };
  } catch (error) {
    return failureFrom(error);
  }
}
