/** What the matrix editor sends to save a policy, and what the save answers (shared by the action and the editor). */
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { policySchema } from "@/lib/firewall/policy/schema";

export const saveMatrixSchema = z.object({ version: z.number().int().min(1), policy: policySchema }).strict();

export type SavedMatrix = { version: number; savedAt: string };
/** `isConflict`: someone saved in between; the page keeps the edits and offers to reload or copy. */
export type SaveMatrixResult = ActionResult<SavedMatrix> & { isConflict?: boolean };
