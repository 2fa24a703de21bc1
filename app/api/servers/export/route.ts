import { attachment } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { resolveSelection } from "@/lib/data/bulk";
import { exportAllProfiles } from "@/lib/data/transfer";
import { readSelection } from "@/lib/validations/bulk";

// GET /api/servers/export[?id=…&id=…|?all=1&<list filters>] – those profiles (every one without a selection) as one `portcullis/profiles` collection file.
export async function GET(request: Request) {
  try {
    await requireRole("viewer");
    const read = readSelection(new URL(request.url).searchParams);
    if (!read.ok) return jsonError(400, "bad-request", read.message);
    const ids = read.selection ? await resolveSelection(read.selection) : undefined;
    const { text } = await exportAllProfiles(ids);
    return attachment(text, "portcullis-profiles.json", "application/json; charset=utf-8");
  } catch (error) {
    return errorResponse(error);
  }
}
