import { collectionDownload } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { resolveSelection } from "@/lib/data/bulk";
import { exportAllProfiles } from "@/lib/data/transfer";
import { readSelection } from "@/lib/validations/bulk";

// GET /api/servers/export[?id=…&id=…|?all=1&<list filters>] – those profiles (every one without a selection) as one
// `portcullis/profiles` collection file; a fleet bigger than one importable file as a ZIP of parts that import one by one.
export async function GET(request: Request) {
  try {
    await requireRole("viewer");
    const read = readSelection(new URL(request.url).searchParams);
    if (!read.ok) return jsonError(400, "bad-request", read.message);
    const ids = read.selection ? await resolveSelection(read.selection) : undefined;
    return collectionDownload((await exportAllProfiles(ids)).parts, new Date());
  } catch (error) {
    return errorResponse(error);
  }
}
