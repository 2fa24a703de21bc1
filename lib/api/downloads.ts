import "server-only";
import { zipSync, type Zippable } from "fflate";
import type { ZodError } from "zod";
import { badRequest } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import type { RuleFile } from "@/lib/firewall/backends";

const CONTENT_TYPES: [RegExp, string][] = [
  [/\.xml$/, "application/xml; charset=utf-8"],
  [/\.sh$/, "text/x-shellscript; charset=utf-8"],
];

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES.find(([pattern]) => pattern.test(path))?.[1] ?? "text/plain; charset=utf-8";
}

/**
 * The answer to a malformed download request. The download routes leave the role check to
 * getDownloadableDocument (one session read per download), so here it comes first: an anonymous
 * caller learns nothing, not even that the request is malformed.
 */
export async function malformedDownload(error: ZodError): Promise<Response> {
  await requireRole("viewer");
  return badRequest(error);
}

/** The button text for one backend's download: its file, or its files as a ZIP. */
export function downloadLabel(backendLabel: string, files: readonly RuleFile[]): string {
  const [only] = files;
  return files.length === 1 && only ? `Download ${only.path.split("/").pop()}` : `Download ${backendLabel.split(" ")[0]} files (ZIP)`;
}

/** An attachment response; `fileName` must already be safe (slugs and renderer file names are). */
export function attachment(body: Uint8Array | string, fileName: string, contentType: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Response(bytes as BodyInit, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Several files (one backend's rule files, an export's parts) as a ZIP, keeping their folders and Unix modes. */
export function zipFiles(files: readonly Pick<RuleFile, "path" | "content" | "mode">[], mtime: Date): Uint8Array {
  const encoder = new TextEncoder();
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [encoder.encode(f.content), { mtime, os: 3, attrs: (0o100000 | (f.mode ?? 0o644)) << 16 }];
  return zipSync(tree, { level: 6 });
}

/**
 * An export's collection files as a download: the one file as JSON, or the parts of a fleet
 * bigger than one importable file as a ZIP of `portcullis-profiles-N-of-M.json`, in order.
 */
export function collectionDownload(parts: readonly string[], mtime: Date): Response {
  if (parts.length === 1) return attachment(parts[0]!, "portcullis-profiles.json", "application/json; charset=utf-8");
  const files = parts.map((content, i) => ({ path: `portcullis-profiles-${i + 1}-of-${parts.length}.json`, content }));
  return attachment(zipFiles(files, mtime), "portcullis-profiles.zip", "application/zip");
}
