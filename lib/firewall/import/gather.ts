/**
 * Files handed over by name and content (a CLI argument, a dashboard upload): one .tar.gz of the
 * firewall's folder is unpacked (tar.ts), anything else must be UTF-8 text. The CLI and the
 * dashboard share this, so both refuse the same input with the same words.
 */
import { decodeText, MAX_ARCHIVE_BYTES, readTarGz, type UnpackedFiles } from "./tar";
import { ImportInputError } from "./types";

/** One file as received: its name (a path or an upload's file name) and its bytes. */
export type ReceivedFile = { name: string; bytes: Uint8Array };

/** gzip's magic number: an archive is recognised by its content, not only by its name. */
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

export const isArchiveName = (name: string) => /\.(tar\.gz|tgz)$/i.test(name);

/**
 * The text files among `received`, archives unpacked. A single binary file given by name is an
 * error (the admin picked the wrong file); binary files inside an archive are skipped and named.
 */
export function gatherFiles(received: readonly ReceivedFile[], maxArchiveBytes = MAX_ARCHIVE_BYTES): UnpackedFiles {
  const out: UnpackedFiles = { files: [], skipped: [] };
  for (const { name, bytes } of received) {
    if (isArchiveName(name) || isGzip(bytes)) {
      const unpacked = readTarGz(bytes, name, maxArchiveBytes);
      out.files.push(...unpacked.files);
      out.skipped.push(...unpacked.skipped);
      continue;
    }
    const text = decodeText(bytes);
    if (text === null) throw new ImportInputError(name, null, "is a binary file (not UTF-8 text) or cut off in the middle of a character; give the firewall's configuration files.");
    out.files.push({ path: name, text });
  }
  return out;
}
