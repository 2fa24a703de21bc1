import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/body";
import { badRequest, errorResponse } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { createServerProfile, getServerProfile, listServerProfiles } from "@/lib/data/server-profiles";
import { serverListQuerySchema, serverProfileSchema } from "@/lib/validations/server-profile";

// GET /api/servers?q=&page=&template=… – the server list, newest first, 20 per page (same as /servers), each with its template.
export async function GET(request: NextRequest) {
  try {
    await requireRole("viewer");
    const parsed = serverListQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!parsed.success) return badRequest(parsed.error);
    return NextResponse.json(await listServerProfiles(parsed.data));
  } catch (error) {
    return errorResponse(error);
  }
}

// POST /api/servers – create a profile from JSON (same schema as the form); 201 with the profile.
export async function POST(request: NextRequest) {
  try {
    await requireRole("editor");
    const body = await readJsonBody(request);
    const parsed = serverProfileSchema.safeParse(body);
    if (!parsed.success) return badRequest(parsed.error);
    const { id } = await createServerProfile(parsed.data);
    return NextResponse.json(await getServerProfile(id), { status: 201, headers: { Location: `/api/servers/${id}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
