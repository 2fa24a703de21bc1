/**
 * A .tar.gz of a firewall's folder (`tar czf csf.tgz -C /etc csf`), unpacked in memory. Only
 * regular files and folders are accepted: absolute paths, `..`, links and device files are
 * refused, and sizes are capped while inflating, so a small bomb cannot fill memory.
 */
import { Gunzip } from "fflate";
import { ImportInputError, type ImportFile } from "./types";

export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
export const MAX_ARCHIVE_FILES = 10_000;
const BLOCK = 512;

function inflate(gz: Uint8Array, name: string, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  const gunzip = new Gunzip((chunk) => {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < gz.length && !tooLarge; i += 1 << 16) gunzip.push(gz.subarray(i, i + (1 << 16)), i + (1 << 16) >= gz.length);
  } catch (error) {
    throw new ImportInputError(name, null, `not a valid .tar.gz (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (tooLarge) throw new ImportInputError(name, null, `unpacks to more than ${maxBytes / 1024 / 1024} MB; refused.`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const ascii = (b: Uint8Array) => new TextDecoder("latin1").decode(b).replace(/\0.*$/s, "");
const octal = (b: Uint8Array) => parseInt(ascii(b).trim() || "0", 8);

/** UTF-8 text without NUL bytes, or null for a binary file. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

/** Files read from an archive or folder; binary ones (images in /etc/csf/ui, say) are skipped and named. */
export type UnpackedFiles = { files: ImportFile[]; skipped: string[] };

function safePath(path: string, archive: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (path.startsWith("/")) throw new ImportInputError(archive, null, `holds an absolute path (${path.slice(0, 100)}); refused.`);
  if (parts.includes("..")) throw new ImportInputError(archive, null, `holds a path with ".." (${path.slice(0, 100)}); refused.`);
  return parts.join("/");
}

/**
 * The regular text files of a gzip-compressed tar archive. `maxBytes` caps the unpacked size
 * (the dashboard, which holds it in a web server's memory, passes less than the CLI).
 */
export function readTarGz(gz: Uint8Array, archive: string, maxBytes = MAX_ARCHIVE_BYTES): UnpackedFiles {
  const tar = inflate(gz, archive, maxBytes);
  const files: ImportFile[] = [];
  const skipped: string[] = [];
  let longName: string | null = null;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = ascii(header.subarray(345, 500));
    const rawName = longName ?? (prefix ? `${prefix}/${ascii(header.subarray(0, 100))}` : ascii(header.subarray(0, 100)));
    const dataStart = offset + BLOCK;
    if (!Number.isFinite(size) || dataStart + size > tar.length) throw new ImportInputError(archive, null, "is truncated (an entry runs past the end of the archive).");
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    longName = null;
    if (type === "L") {
      longName = ascii(data);
      continue;
    }
    if (type === "x") {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data))?.[1];
      if (path !== undefined) longName = path;
      continue;
    }
    if (type === "g" || type === "5") {
      safePath(rawName, archive);
      continue;
    }
    if (type === "1" || type === "2") throw new ImportInputError(archive, null, `holds a link (${rawName.slice(0, 100)}); links are refused.`);
    if (type !== "0" && type !== "\0" && type !== "7") throw new ImportInputError(archive, null, `holds a device file, FIFO or other special entry (${rawName.slice(0, 100)}); refused.`);
    const path = safePath(rawName, archive);
    if (files.length >= MAX_ARCHIVE_FILES) throw new ImportInputError(archive, null, `holds more than ${MAX_ARCHIVE_FILES} files; refused.`);
    const text = decodeText(data);
    if (text === null) skipped.push(path);
    else files.push({ path, text });
  }
  return { files, skipped };
}
