import { z } from "zod";
import { AUDIT_ACTIONS_LIST } from "./audit-actions";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));

/** The audit page's filters, from the URL: anything malformed is simply not applied. */
export const auditQuerySchema = z.object({
  server: idSchema.optional().catch(undefined),
  user: idSchema.optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS_LIST).optional().catch(undefined),
  from: dateSchema.optional().catch(undefined),
  to: dateSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const AUDIT_PAGE_SIZE = 25;
