import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { badRequest, errorResponse } from "@/lib/api/responses";
import { assertUser } from "@/lib/auth/session";
import { listServerProfiles } from "@/lib/data/server-profiles";
import { serverListQuerySchema } from "@/lib/validations/server-profile";

// GET /api/servers?q=&page= – the server list, newest first, 20 per page (same as /servers).
export async function GET(request: NextRequest) {
  try {
    await assertUser();
    const parsed = serverListQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!parsed.success) return badRequest(parsed.error);
    return NextResponse.json(await listServerProfiles(parsed.data));
  } catch (error) {
    return errorResponse(error);
  }
}
