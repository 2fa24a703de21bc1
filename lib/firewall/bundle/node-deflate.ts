/**
 * Node's native zlib as the bundle's compressor (`buildBundle(doc, { …, deflate: nodeDeflate })`).
 * Server and CLI only: it imports node:zlib, so browser code must not import this file.
 */
import { deflateRawSync } from "node:zlib";
import type { RawDeflate } from "./zip";

export const nodeDeflate: RawDeflate = (data) => deflateRawSync(data, { level: 6 });
