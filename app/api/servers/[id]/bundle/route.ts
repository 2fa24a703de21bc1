import { attachment, malformedDownload } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { getDownloadableDocument } from "@/lib/data/policies";
import { buildBundle, slugify } from "@/lib/firewall/bundle";
import { BundleCache } from "@/lib/firewall/bundle/cache";
import { nodeDeflate } from "@/lib/firewall/bundle/node-deflate";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { bundleRequestSchema } from "@/lib/validations/download";

/** A revision's bundle is stamped with its save time, so its bytes never change: build it once. */
const BUNDLES = new BundleCache();

// GET /api/servers/:id/bundle[?version=N] – the ZIP with every backend's files, README and report.
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const version = new URL(request.url).searchParams.get("version");
    const parsed = bundleRequestSchema.safeParse({ ...(await context.params), version });
    if (!parsed.success) return malformedDownload(parsed.error);
    const found = await getDownloadableDocument(parsed.data.id, parsed.data.version ?? undefined);
    if (!found) return jsonError(404, "not-found", "No server with this id.");
    const bundle = BUNDLES.get(`${parsed.data.id}:${found.version}:${found.savedAt.getTime()}`, () =>
      buildBundle(found.document, { generatedAt: found.savedAt.toISOString(), productVersion: PRODUCT_VERSION, deflate: nodeDeflate }),
    );
    return attachment(bundle.zip, `${slugify(found.document.server.name)}-portcullis.zip`, "application/zip");
  } catch (error) {
    return errorResponse(error);
  }
}
