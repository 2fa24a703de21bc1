import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";

// GET /api/openapi.json – the API description, generated from the routes' zod schemas (public).
export function GET() {
  return NextResponse.json(openApiDocument(PRODUCT_VERSION));
}
