import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/body";
import { badRequest, errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { applyTemplateUpdate } from "@/lib/data/template-followers";
import { idParamSchema } from "@/lib/validations/download";
import { applyTemplateSchema } from "@/lib/validations/template";

type Context = { params: Promise<{ id: string }> };

// POST /api/templates/:id/apply – the chosen followers take the template's revision `templateVersion`
// at the versions the review showed; a follower with new critical warnings must be in `acknowledged`.
// 409 when the template or a server moved since the review, 400 when one cannot take it (nothing stored).
export async function POST(request: Request, context: Context) {
  try {
    await requireRole("editor");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a template id.");
    const parsed = applyTemplateSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) return badRequest(parsed.error);
    return NextResponse.json(await applyTemplateUpdate(id.data, parsed.data));
  } catch (error) {
    return errorResponse(error);
  }
}
