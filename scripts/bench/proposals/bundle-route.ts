/**
 * Proposed GET /api/servers/:id/bundle, measured by `npm run bench -- proposal` in the scratch
 * build only (app/ belongs to the dashboard): every check of the current route stays, but each
 * revision's ZIP is built once (BundleCache keyed by id and version) with native zlib. A real
 * adoption would stamp it with the revision's save time, so the cached bytes equal a fresh build.
 */
import { attachment } from "@/lib/api/downloads";
import { badRequest, errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { getDownloadableDocument } from "@/lib/data/policies";
import { buildBundle, slugify } from "@/lib/firewall/bundle";
import { BundleCache } from "@/lib/firewall/bundle/cache";
import { nodeDeflate } from "@/lib/firewall/bundle/node-deflate";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { bundleRequestSchema } from "@/lib/validations/download";

const CACHE = new BundleCache();

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("viewer");
    const parsed = bundleRequestSchema.safeParse({ ...(await context.params), version: new URL(request.url).searchParams.get("version") });
    if (!parsed.success) return badRequest(parsed.error);
    const found = await getDownloadableDocument(parsed.data.id, parsed.data.version ?? undefined);
    if (!found) return jsonError(404, "not-found", "No server with this id.");
    const options = { generatedAt: new Date().toISOString(), productVersion: PRODUCT_VERSION, deflate: nodeDeflate };
    const bundle = CACHE.get(`${parsed.data.id}:${found.version}`, () => buildBundle(found.document, options));
    return attachment(bundle.zip, `${slugify(found.document.server.name)}-portcullis.zip`, "application/zip");
  } catch (error) {
    return errorResponse(error);
  }
}
