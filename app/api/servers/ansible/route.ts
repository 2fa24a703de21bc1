import { attachment, malformedDownload } from "@/lib/api/downloads";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { ansibleDocuments } from "@/lib/data/ansible";
import { resolveSelection } from "@/lib/data/bulk";
import { buildAnsibleZip } from "@/lib/firewall/ansible";
import { nodeDeflate } from "@/lib/firewall/bundle/node-deflate";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { readSelection } from "@/lib/validations/bulk";
import { ansibleRequestSchema } from "@/lib/validations/download";

// GET /api/servers/ansible[?id=…&id=…|?all=1&<list filters>][&format=json] – the Ansible project for those servers (all when no id) as a ZIP, or its files as JSON for scripts.
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    // `all=1`: the servers the list's filters find (the bulk page's link); else the ids given, or every server.
    const read = params.get("all") === "1" ? readSelection(params) : null;
    if (read && !read.ok) return jsonError(400, "bad-request", read.message);
    const ids = read?.ok && read.selection ? await resolveSelection(read.selection) : params.getAll("id");
    const parsed = ansibleRequestSchema.safeParse({ ids, format: params.get("format") ?? undefined });
    if (!parsed.success) return malformedDownload(parsed.error);
    if (read && parsed.data.ids.length === 0) return jsonError(404, "not-found", "No server matches this selection.");
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
