import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/body";
import { badRequest, errorResponse } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { createTemplate, listTemplates } from "@/lib/data/templates";
import { createTemplateSchema } from "@/lib/validations/template";

// GET /api/templates – every template with its revision and how many servers follow it (and are behind).
export async function GET() {
  try {
    await requireRole("viewer");
    return NextResponse.json({ templates: await listTemplates() });
  } catch (error) {
    return errorResponse(error);
  }
}

// POST /api/templates – a new template from a server (`fromServerId`, optionally `follow`) or from a panel's defaults.
export async function POST(request: Request) {
  try {
    await requireRole("editor");
    const parsed = createTemplateSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) return badRequest(parsed.error);
    const { id } = await createTemplate(parsed.data);
    return NextResponse.json({ id }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
