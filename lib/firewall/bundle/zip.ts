/**
 * The ZIP container of the bundle. By default fflate compresses (pure JS, so the bundle builds
 * in the browser too); a server can pass its native raw DEFLATE instead, which is several times
 * faster for the same output size (see `npm run bench -- generation`).
 */
import { Zip, zipSync, type ZipInputFile, type Zippable } from "fflate";

/**
 * Raw DEFLATE (RFC 1951, no zlib header) of one file at a zlib level, e.g. node:zlib's
 * `deflateRawSync`; `crc32`, when given, replaces the pure-JS checksum (same value, native speed;
 * `previous` continues a checksum over the bytes before `data`). `piece`, when given, compresses
 * one piece of a big file on its own: every piece but the last must end byte-aligned without the
 * final-block bit (a sync flush), so the pieces concatenate into one valid stream and a big file
 * never needs all its bytes at once.
 */
export type RawDeflate = ((data: Uint8Array, level: number) => Uint8Array) & {
  crc32?: (data: Uint8Array, previous?: number) => number;
  piece?: (data: Uint8Array, level: number, last: boolean) => Uint8Array;
};

/**
 * Files above this size (only blocklists of tens of thousands of entries get there) are
 * compressed at level 1: a 100,000-entry bundle holds 45 MB of text, which level 6 takes about
 * 0.5 s to compress and level 1 about a quarter of that, for a ZIP about 10% larger. Smaller files,
 * so every ordinary bundle, keep level 6 and their bytes.
 */
export const FAST_LEVEL_ABOVE = 1 << 20;
export const levelFor = (size: number) => (size > FAST_LEVEL_ABOVE ? 1 : 6);

/**
 * Files longer than this (in UTF-16 units) are encoded and compressed a piece of this length at a
 * time when the compressor can (`RawDeflate.piece`): the whole file's bytes would otherwise sit
 * beside its text (16 MB for the UFW script of a 100,000-entry profile, issue 19).
 */
export const PIECE = 1 << 20;

export type ZipEntry = { path: string; content: string; mode: number };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as ZIP stores it (fflate does not export its own); `previous` continues a checksum. */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Where the piece starting at `start` ends: at most PIECE units on, never between a surrogate pair. */
function pieceEnd(text: string, start: number): number {
  const end = Math.min(text.length, start + PIECE);
  const last = text.charCodeAt(end - 1);
  return end < text.length && last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

/** Unix mode in the external attributes, so apply.sh stays executable after unzip. */
const attrsOf = (mode: number) => (0o100000 | mode) << 16;

/**
 * The entries as one ZIP; the same entries, time and deflate always give the same bytes. With
 * `deflate`, each entry is compressed as the iterable yields it, so a generator's texts can be
 * released one by one; `onAdded` hears each file's path and size in bytes.
 */
export function zipEntries(entries: Iterable<ZipEntry>, mtime: Date, deflate?: RawDeflate, onAdded?: (path: string, bytes: number) => void): Uint8Array {
  const encoder = new TextEncoder();
  if (!deflate) {
    const tree: Zippable = {};
    for (const e of entries) {
      const data = encoder.encode(e.content);
      onAdded?.(e.path, data.length);
      tree[e.path] = [data, { mtime, os: 3, attrs: attrsOf(e.mode), level: levelFor(data.length) as 1 | 6 }];
    }
    return zipSync(tree, { level: 6 });
  }
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  // One scratch buffer for every entry's bytes: encoding each file into a fresh array left tens of
  // MB of dead buffers per big bundle for the collector, which counted in the peak memory.
  let scratch = new Uint8Array(0);
  const encode = (text: string): Uint8Array => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; ASCII (every rule file) exactly 1.
    if (scratch.length < text.length) scratch = new Uint8Array(text.length);
    let done = encoder.encodeInto(text, scratch);
    if (done.read < text.length) {
      scratch = new Uint8Array(text.length * 3);
      done = encoder.encodeInto(text, scratch);
    }
    return scratch.subarray(0, done.written);
  };
  const checksum = deflate.crc32 ?? crc32;
  for (const e of entries) {
    const file: ZipInputFile = { filename: e.path, size: 0, crc: 0, compression: 8, mtime, os: 3, attrs: attrsOf(e.mode) };
    // The size and checksum go in the data descriptor after the data (fflate reads them at the last piece).
    zip.add(file);
    if (deflate.piece && e.content.length > PIECE) {
      // Above PIECE units the bytes are above FAST_LEVEL_ABOVE too: level 1, as in one piece.
      for (let start = 0; start < e.content.length; ) {
        const end = pieceEnd(e.content, start);
        const data = encode(e.content.slice(start, end));
        file.size += data.length;
        file.crc = checksum(data, file.crc);
        start = end;
        // Never shared memory: zlib and fflate both return plain ArrayBuffer-backed bytes.
        file.ondata?.(null, deflate.piece(data, 1, start === e.content.length) as Uint8Array<ArrayBuffer>, start === e.content.length);
      }
    } else {
      const data = encode(e.content);
      file.size = data.length;
      file.crc = checksum(data);
      file.ondata?.(null, deflate(data, levelFor(data.length)) as Uint8Array<ArrayBuffer>, true);
    }
    onAdded?.(e.path, file.size);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
