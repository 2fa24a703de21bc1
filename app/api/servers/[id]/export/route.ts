import { attachment } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { exportProfile } from "@/lib/data/transfer";
import { slugify } from "@/lib/firewall/bundle";
import { idParamSchema } from "@/lib/validations/download";

// GET /api/servers/:id/export – the profile as the documented JSON (docs/profile-format.md).
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("viewer");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a server id.");
    const exported = await exportProfile(id.data);
    if (!exported) return jsonError(404, "not-found", "No server with this id.");
    return attachment(exported.text, `${slugify(exported.name)}.portcullis.json`, "application/json; charset=utf-8");
  } catch (error) {
    return errorResponse(error);
  }
}
