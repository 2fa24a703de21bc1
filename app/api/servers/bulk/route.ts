import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/body";
import { badRequest, errorResponse } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { applyBulkChangeTo, previewBulkChange, resolveSelection } from "@/lib/data/bulk";
import { bulkRequestSchema } from "@/lib/validations/bulk";
import { serverListQuerySchema } from "@/lib/validations/server-list";

// POST /api/servers/bulk – one change for several servers (by id or by the list's filters). With
// dryRun: the preview per server. Otherwise applied at the versions just read, each changed server
// getting its own revision; 409 when one was saved in between, 400 when one cannot take the change.
export async function POST(request: NextRequest) {
  try {
    await requireRole("editor");
    const parsed = bulkRequestSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) return badRequest(parsed.error);
    const { ids, filter, change, dryRun } = parsed.data;
    const query = filter ? serverListQuerySchema.safeParse(filter) : null;
    if (query && !query.success) return badRequest(query.error);
    const preview = await previewBulkChange(await resolveSelection(ids ? { ids } : { query: query!.data! }), change);
    if (dryRun) return NextResponse.json(preview);
    const result = await applyBulkChangeTo(preview.items.map((i) => ({ id: i.id, version: i.version })), change);
    return NextResponse.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
