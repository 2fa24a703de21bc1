"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failureFrom, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { verifyFleet, type FleetVerifyItem } from "@/lib/data/verifications";
import { FLEET_VERIFY_MAX_FILES } from "@/lib/validations/fleet-verify";
import { IMPORT_LIMIT_BYTES, IMPORT_LIMIT_LABEL } from "@/lib/validations/import";

const CHOOSE = "Choose the live files to verify (the live/ folder of an Ansible run, or files verify.sh wrote).";

/** The upload: 1 to FLEET_VERIFY_MAX_FILES non-empty files, together within the request limit. */
const filesSchema = z
  .array(z.instanceof(File), { error: CHOOSE })
  .transform((files) => files.filter((f) => f.size > 0))
  .refine((files) => files.length > 0, CHOOSE)
  .refine((files) => files.length <= FLEET_VERIFY_MAX_FILES, `At most ${FLEET_VERIFY_MAX_FILES} files at once.`)
  .refine((files) => files.reduce((n, f) => n + f.size, 0) <= IMPORT_LIMIT_BYTES, `The files are larger than ${IMPORT_LIMIT_LABEL} together: upload them in parts.`);

/** Verifies every uploaded live file against its server; each verdict is stored and audited. */
export async function verifyFleetAction(_prev: ActionResult<FleetVerifyItem[]> | null, formData: FormData): Promise<ActionResult<FleetVerifyItem[]>> {
  try {
    await requireRole("editor");
    const files = filesSchema.safeParse(formData.getAll("live"));
    if (!files.success) return { ok: false, message: files.error.issues[0]?.message ?? CHOOSE, fieldErrors: { live: files.error.issues.map((i) => i.message) } };
    const decoded: ({ name: string; text: string } | { name: string; problem: string })[] = [];
    for (const f of files.data) {
      try {
        decoded.push({ name: f.name, text: new TextDecoder("utf-8", { fatal: true }).decode(await f.arrayBuffer()) });
      } catch {
        decoded.push({ name: f.name, problem: "Not a readable live file: it is not UTF-8 text." });
      }
    }
    const readable = decoded.filter((d): d is { name: string; text: string } => "text" in d);
    const verified = readable.length > 0 ? await verifyFleet(readable) : [];
    // Back in upload order, the files that were not text among them.
    const items = decoded.map((d): FleetVerifyItem =>
      "text" in d ? verified[readable.indexOf(d)]! : { fileName: d.name, server: null, via: null, outcome: "not-verified", summary: d.problem, drift: [] });
    revalidatePath("/servers");
    return { ok: true, data: items };
  } catch (error) {
    return failureFrom(error);
  }
}
