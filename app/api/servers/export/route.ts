import { attachment } from "@/lib/api/downloads";
import { errorResponse } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { exportAllProfiles } from "@/lib/data/transfer";

// GET /api/servers/export – every profile as one `portcullis/profiles` collection file.
export async function GET() {
  try {
    await requireRole("viewer");
    const { text } = await exportAllProfiles();
    return attachment(text, "portcullis-profiles.json", "application/json; charset=utf-8");
  } catch (error) {
    return errorResponse(error);
  }
}
