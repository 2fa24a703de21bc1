import { z } from "zod";
import { policySchema } from "@/lib/firewall";

/** PUT /api/servers/{id}/policy: the matrix, saved only if `version` is still the current one. */
export const policyPutSchema = z.object({ version: z.number().int().min(1), policy: policySchema }).strict();
