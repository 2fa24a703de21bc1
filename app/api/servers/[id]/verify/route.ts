import { NextResponse } from "next/server";
import { readTextBody } from "@/lib/api/body";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { verifyServer } from "@/lib/data/verifications";
import { idParamSchema } from "@/lib/validations/download";
import { IMPORT_LIMIT_BYTES } from "@/lib/validations/import";

// POST /api/servers/:id/verify – body: the live file verify.sh wrote; answers the verdict (also stored and audited).
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("editor");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a server id.");
    const verdict = await verifyServer(id.data, await readTextBody(request, IMPORT_LIMIT_BYTES));
    return NextResponse.json({ ...verdict.result, revision: verdict.revision, matches: verdict.matches });
  } catch (error) {
    return errorResponse(error);
  }
}
