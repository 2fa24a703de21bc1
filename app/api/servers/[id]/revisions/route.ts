import { NextResponse } from "next/server";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { listRevisions } from "@/lib/data/revisions";
import { idParamSchema } from "@/lib/validations/download";

// GET /api/servers/:id/revisions – the profile's revisions, newest first (version, kind, who, when).
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("viewer");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a server id.");
    return NextResponse.json({ revisions: await listRevisions(id.data) });
  } catch (error) {
    return errorResponse(error);
  }
}
