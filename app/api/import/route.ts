import { NextResponse } from "next/server";
import { readTextBody } from "@/lib/api/body";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { ImportRefused, importCollection } from "@/lib/data/transfer";
import { parseProfileCollection } from "@/lib/firewall/policy/collection";
import { IMPORT_LIMIT_BYTES } from "@/lib/validations/import";
import { listedIssues } from "@/lib/validations/import-issues";

// POST /api/import – a profile or a `portcullis/profiles` collection (JSON); all or nothing.
export async function POST(request: Request) {
  try {
    await requireRole("editor");
    if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
      return jsonError(415, "unsupported-media-type", "Send the file as application/json.");
    }
    const parsed = parseProfileCollection(await readTextBody(request, IMPORT_LIMIT_BYTES));
    if (!parsed.ok) return NextResponse.json({ error: "bad-request", message: "Nothing was imported: the file has problems.", ...listedIssues(parsed.issues) }, { status: 400 });
    const { profiles, templates } = await importCollection(parsed);
    return NextResponse.json({ imported: profiles, templates }, { status: 201 });
  } catch (error) {
    if (error instanceof ImportRefused) return NextResponse.json({ error: "conflict", message: error.message, ...listedIssues(error.issues) }, { status: 409 });
    return errorResponse(error);
  }
}
