import { attachment, contentTypeOf, malformedDownload, zipFiles } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { getDownloadableDocument } from "@/lib/data/policies";
import { assessPolicy, getCatalog, resolvePolicy } from "@/lib/firewall";
import { slugify } from "@/lib/firewall/bundle";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { renderRules } from "@/lib/firewall/backends";
import { rulesRequestSchema } from "@/lib/validations/download";

// GET /api/servers/:id/rules/:backend[?version=N] – one backend's rule file, or its files as a ZIP.
export async function GET(request: Request, context: { params: Promise<{ id: string; backend: string }> }) {
  try {
    const version = new URL(request.url).searchParams.get("version");
    const parsed = rulesRequestSchema.safeParse({ ...(await context.params), version });
    if (!parsed.success) return malformedDownload(parsed.error);
    const found = await getDownloadableDocument(parsed.data.id, parsed.data.version ?? undefined, parsed.data.backend);
    if (!found) return jsonError(404, "not-found", "No server with this id.");
    const { document } = found;
    const now = new Date();
    const warnings = assessPolicy(document);
    const files = renderRules(parsed.data.backend, resolvePolicy(document, getCatalog(document.server.panel)), {
      generatedAt: now.toISOString(), productVersion: PRODUCT_VERSION, warnings,
    });
    const [only] = files;
    if (files.length === 1 && only) {
      const name = only.path.split("/").pop() ?? only.path;
      return attachment(only.content, name, contentTypeOf(name));
    }
    return attachment(zipFiles(files, now), `${slugify(document.server.name)}-${parsed.data.backend}.zip`, "application/zip");
  } catch (error) {
    return errorResponse(error);
  }
}
