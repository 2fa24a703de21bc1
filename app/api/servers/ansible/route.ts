import { attachment, malformedDownload } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { ansibleDocuments } from "@/lib/data/ansible";
import { buildAnsibleZip } from "@/lib/firewall/ansible";
import { nodeDeflate } from "@/lib/firewall/bundle/node-deflate";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { ansibleRequestSchema } from "@/lib/validations/download";

// GET /api/servers/ansible[?id=…&id=…][&format=json] – the Ansible project for those servers (all when no id) as a ZIP, or its files as JSON for scripts.
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const parsed = ansibleRequestSchema.safeParse({ ids: params.getAll("id"), format: params.get("format") ?? undefined });
    if (!parsed.success) return malformedDownload(parsed.error);
    const docs = await ansibleDocuments(parsed.data.ids);
    if (docs === null) return jsonError(404, "not-found", "No server with this id.");
    if (docs.length === 0) return jsonError(404, "not-found", "There are no servers to export.");
    let project;
    try {
      project = await buildAnsibleZip(docs, { generatedAt: new Date().toISOString(), productVersion: PRODUCT_VERSION, deflate: nodeDeflate });
    } catch (error) {
      return jsonError(409, "conflict", error instanceof Error ? error.message : String(error));
    }
    if (parsed.data.format === "json") return Response.json({ files: project.entries });
    return attachment(project.zip, project.fileName, "application/zip");
  } catch (error) {
    return errorResponse(error);
  }
}
