/** What the matrix editor sends to save a policy, and what the save answers (shared by the action and the editor). */
import { z } from "zod";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import { describeIssues } from "@/lib/firewall/policy/document";
import { policySchema, type Policy, type Server } from "@/lib/firewall/policy/schema";

export const saveMatrixSchema = z.object({ version: z.number().int().min(1), policy: policySchema }).strict();

export type SavedMatrix = { version: number; savedAt: string };
/** The revision someone else saved in between, for the three-way merge. */
export type LatestRevision = SavedMatrix & { server: Server; policy: Policy };
/**
 * `isConflict`: someone saved in between; the page keeps the edits and merges them with `latest`
 * (or, when that cannot be read, offers to reload or copy).
 */
export type SaveMatrixResult = ActionResult<SavedMatrix> & { isConflict?: boolean; latest?: LatestRevision };

/** Reads a save request; refused with each field's message, keyed by its path (`what`: "profile", "template"). */
export function readMatrixSave(input: unknown, what: string): { ok: true; data: z.infer<typeof saveMatrixSchema> } | { ok: false; result: SaveMatrixResult } {
  const parsed = saveMatrixSchema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of describeIssues(parsed.error.issues)) (fieldErrors[issue.path] ??= []).push(issue.message);
  return { ok: false, result: { ok: false, message: `The ${what} was not saved: some fields are not valid.`, fieldErrors } };
}
