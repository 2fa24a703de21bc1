import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/body";
import { badRequest, errorResponse } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { verifyFleet } from "@/lib/data/verifications";
import { fleetVerifyRequestSchema } from "@/lib/validations/fleet-verify";
import { IMPORT_LIMIT_BYTES } from "@/lib/validations/import";

// POST /api/servers/verify – body: { files: [{ name, text }] }, the live files of many servers; answers each file's verdict.
export async function POST(request: Request) {
  try {
    await requireRole("editor");
    const body = fleetVerifyRequestSchema.safeParse(await readJsonBody(request, IMPORT_LIMIT_BYTES));
    if (!body.success) return badRequest(body.error);
    return NextResponse.json({ items: await verifyFleet(body.data.files) });
  } catch (error) {
    return errorResponse(error);
  }
}
