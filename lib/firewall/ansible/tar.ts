/**
 * A ustar archive of one host's files, so the play sends its folder as the stdin of the one command
 * that unpacks and applies it, instead of a stat and a copy per file. Returned as a string
 * (ASCII headers, the contents as text, sizes counted in UTF-8 bytes) because every project file
 * travels as a BundleEntry and is written as UTF-8; the bytes on disk are then the archive.
 */
import type { BundleEntry } from "../bundle";

const BLOCK = 512;
const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, "0")}\0`;

function header(path: string, mode: number, size: number, mtime: number): string {
  if (!/^[\x21-\x7e]{1,100}$/.test(path)) throw new Error(`Cannot put ${JSON.stringify(path)} in the archive: a name must be printable ASCII of at most 100 characters.`);
  const block = new Uint8Array(BLOCK);
  const put = (text: string, at: number) => block.set(new TextEncoder().encode(text), at);
  put(path, 0);
  put(octal(mode & 0o7777, 8), 100);
  put(octal(0, 8), 108); // uid root
  put(octal(0, 8), 116); // gid root
  put(octal(size, 12), 124);
  put(octal(mtime, 12), 136);
  put("        ", 148); // the checksum counts its own field as spaces
  put("0", 156); // a regular file
  put("ustar\u000000", 257);
  put("root", 265);
  put("root", 297);
  const sum = block.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return String.fromCharCode(...block);
}

/** The files (paths relative to the archive's root) with their modes, owned by root, all dated `mtime`. */
export function tarArchive(files: readonly BundleEntry[], mtime: Date): string {
  const seconds = Math.floor(mtime.getTime() / 1000);
  const parts = files.map((f) => {
    const size = utf8Length(f.content);
    return header(f.path, f.mode, size, seconds) + f.content + "\0".repeat((BLOCK - (size % BLOCK)) % BLOCK);
  });
  return parts.join("") + "\0".repeat(2 * BLOCK);
}
