import { NextResponse } from "next/server";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { previewTemplateUpdate } from "@/lib/data/template-followers";
import { idParamSchema } from "@/lib/validations/download";

type Context = { params: Promise<{ id: string }> };

// GET /api/templates/:id/review – what the template's latest revision would change on each follower
// (its changes, new critical warnings, the overrides it keeps); nothing is stored.
export async function GET(_request: Request, context: Context) {
  try {
    await requireRole("viewer");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a template id.");
    return NextResponse.json(await previewTemplateUpdate(id.data));
  } catch (error) {
    return errorResponse(error);
  }
}
