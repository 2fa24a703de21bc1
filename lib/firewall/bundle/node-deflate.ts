/**
 * Node's native zlib as the bundle's compressor (`buildBundle(doc, { …, deflate: nodeDeflate })`).
 * Server and CLI only: it imports node:zlib, so browser code must not import this file.
 */
import zlib from "node:zlib";
import type { RawDeflate } from "./zip";

/** zlib's CRC-32 where Node has it (20.15 and later); the ZIP falls back to its own otherwise. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export const nodeDeflate: RawDeflate = Object.assign((data: Uint8Array, level: number) => zlib.deflateRawSync(data, { level }), nativeCrc32 ? { crc32: (data: Uint8Array) => nativeCrc32(data) >>> 0 } : {});
