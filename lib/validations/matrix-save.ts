/** What the matrix editor sends to save a policy, and what the save answers (shared by the action and the editor). */
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
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
