import "server-only";
import { AppError } from "@/lib/errors";
import { IMPORT_LIMIT_BYTES } from "@/lib/validations/import";

/** 1 MiB: server details and the like; a matrix save and an import get more. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** A matrix save: a policy may be as large as the format allows, the same limit as an import. */
export const POLICY_BODY_LIMIT = IMPORT_LIMIT_BYTES;

/** A body the route cannot read: its own HTTP status (400, 413, 415) and error code. */
class BodyError extends AppError {
  constructor(
    readonly httpStatus: number,
    readonly bodyCode: "bad-request" | "unsupported-media-type" | "too-large",
    message: string,
  ) {
    super("bad-request", message);
  }
}

export function isBodyError(error: unknown): error is BodyError {
  return error instanceof BodyError;
}

/**
 * Reads a JSON request body defensively: JSON content type only (a cross-site HTML form cannot
 * send it without a CORS preflight, which we never grant), at most `limit` bytes (counted while
 * streaming, so a lying Content-Length does not help), valid UTF-8, valid JSON.
 */
export async function readJsonBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new BodyError(415, "unsupported-media-type", "Send the body as application/json.");
  }
  const text = await readTextBody(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(400, "bad-request", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The body as UTF-8 text, refusing more than `limit` bytes (413) and invalid UTF-8 (400). */
export async function readTextBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const tooLarge = () => new BodyError(413, "too-large", `The body is larger than ${Math.round(limit / 1024)} KiB.`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BodyError(400, "bad-request", "The body is not valid UTF-8 text.");
  }
}
