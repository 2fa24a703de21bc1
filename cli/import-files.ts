/**
 * The files an import reads: plain files, folders (a copy of /etc/csf) walked without following
 * links, or one .tar.gz unpacked in memory (lib/firewall/import/tar.ts). Everything is capped.
 */
import { lstat, open, readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { gatherFiles, isArchiveName } from "@/lib/firewall/import/gather";
import { decodeText, MAX_ARCHIVE_BYTES, MAX_ARCHIVE_FILES, type UnpackedFiles } from "@/lib/firewall/import/tar";
import { MAX_FILE_BYTES } from "@/lib/firewall/import/text";
import { ImportInputError } from "@/lib/firewall/import/types";

const MAX_DEPTH = 8;

async function readBytes(path: string, cap: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    if ((await handle.stat()).size > cap) throw new ImportInputError(path, null, `larger than ${cap / 1024 / 1024} MB; refused.`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function walk(root: string, dir: string, depth: number, out: UnpackedFiles): Promise<void> {
  for (const entry of (await readdir(dir)).sort()) {
    const full = join(dir, entry);
    const info = await lstat(full);
    const rel = relative(root, full);
    if (info.isDirectory() && depth < MAX_DEPTH) await walk(root, full, depth + 1, out);
    else if (!info.isFile() || info.size > MAX_FILE_BYTES) out.skipped.push(rel);
    else {
      if (out.files.length >= MAX_ARCHIVE_FILES) throw new ImportInputError(root, null, `holds more than ${MAX_ARCHIVE_FILES} files; refused.`);
      const text = decodeText(await readBytes(full, MAX_FILE_BYTES));
      if (text === null) out.skipped.push(rel);
      else out.files.push({ path: rel, text });
    }
  }
}

/** Read every path; a single unreadable or binary file given by name is an error. */
export async function readImportPaths(paths: readonly string[]): Promise<UnpackedFiles> {
  const out: UnpackedFiles = { files: [], skipped: [] };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new ImportInputError(path, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    if (info.isDirectory()) await walk(path, path, 0, out);
    else {
      const read = gatherFiles([{ name: path, bytes: await readBytes(path, isArchiveName(path) ? MAX_ARCHIVE_BYTES : MAX_FILE_BYTES) }]);
      out.files.push(...read.files);
      out.skipped.push(...read.skipped);
    }
  }
  return out;
}
