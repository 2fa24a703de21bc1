import { NextResponse } from "next/server";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { getTemplate, listFollowers } from "@/lib/data/templates";
import { idParamSchema } from "@/lib/validations/download";

type Context = { params: Promise<{ id: string }> };

// GET /api/templates/:id – the template (its policy and revision) and its followers with the revision each took.
export async function GET(_request: Request, context: Context) {
  try {
    await requireRole("viewer");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a template id.");
    const template = await getTemplate(id.data);
    if (!template) return jsonError(404, "not-found", "No template with this id.");
    const { id: templateId, name, description, panel, os, version, updatedAt, createdAt, followers, behind, policy } = template;
    return NextResponse.json({ id: templateId, name, description, panel, os, version, createdAt, updatedAt, followerCount: followers, behind, policy, followers: await listFollowers(id.data) });
  } catch (error) {
    return errorResponse(error);
  }
}
