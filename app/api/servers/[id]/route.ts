import { NextResponse } from "next/server";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { getServerProfile } from "@/lib/data/server-profiles";

// GET /api/servers/:id – one server profile with its canonical admin sources.
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("viewer");
    const { id } = await context.params;
    const profile = await getServerProfile(id);
    if (!profile) return jsonError(404, "not-found", "No server with this id.");
    return NextResponse.json(profile);
  } catch (error) {
    return errorResponse(error);
  }
}
