"use server";

import { revalidatePath } from "next/cache";
import { failureFrom } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { getPolicyRecord, savePolicy } from "@/lib/data/policies";
import { isAppError } from "@/lib/errors";
import { readMatrixSave, type LatestRevision, type SaveMatrixResult } from "@/lib/validations/matrix-save";

/** The revision that won the race, so the editor can merge instead of throwing edits away. */
async function latestRevision(id: string): Promise<LatestRevision | undefined> {
  const record = await getPolicyRecord(id);
  if (!record?.reading.ok) return undefined;
  const { server, policy } = record.reading.document;
  return { version: record.version, savedAt: record.savedAt.toISOString(), server, policy };
}

export async function saveMatrixAction(id: string, input: unknown): Promise<SaveMatrixResult> {
  try {
    await requireRole("editor");
    const parsed = readMatrixSave(input, "profile");
    if (!parsed.ok) return parsed.result;
    const saved = await savePolicy(id, parsed.data.version, parsed.data.policy);
    revalidatePath(`/servers/${id}`, "layout");
    return { ok: true, data: { version: saved.version, savedAt: saved.savedAt.toISOString() } };
  } catch (error) {
    const isConflict = isAppError(error) && error.code === "conflict";
    return { ...failureFrom(error), isConflict, ...(isConflict ? { latest: await latestRevision(id) } : {}) };
  }
}
