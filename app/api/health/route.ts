import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/responses";
import { checkDatabase } from "@/lib/data/health";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers a read and takes a write, else 503; for
// scripts/serve.mjs (which replaces a worker that stops answering) and outside monitoring.
export async function GET() {
  try {
    const health = await checkDatabase();
    const ok = health.read === "ok" && health.write === "ok";
    return NextResponse.json({ ok, ...health }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
