/**
 * Node's native zlib as the bundle's compressor (`buildBundle(doc, { …, deflate: nodeDeflate })`).
 * Server and CLI only: it imports node:zlib, so browser code must not import this file.
 */
import zlib from "node:zlib";
import type { RawDeflate } from "./zip";

/** zlib's CRC-32 where Node has it (20.15 and later); the ZIP falls back to its own otherwise. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * A piece compressed on its own; all but the last end with a sync flush (byte-aligned, no final
 * block), so the pieces concatenate into one raw DEFLATE stream (RFC 1951 §3.2.3: a stream is a
 * series of blocks, the last one marked final).
 */
const piece = (data: Uint8Array, level: number, last: boolean) => zlib.deflateRawSync(data, { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });

export const nodeDeflate: RawDeflate = Object.assign((data: Uint8Array, level: number) => zlib.deflateRawSync(data, { level }), {
  piece,
  ...(nativeCrc32 ? { crc32: (data: Uint8Array, previous = 0) => nativeCrc32(data, previous) >>> 0 } : {}),
});
