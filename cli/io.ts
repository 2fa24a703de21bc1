import { open } from "node:fs/promises";
import type { Io } from "./types";

/** Far above the largest valid profile (200,000 blocked entries is about 8 MB), so a stray huge file fails fast. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Bytes as UTF-8 text; invalid UTF-8 is an error, not silently replaced characters. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error("the file is not valid UTF-8 text");
  }
}

const tooLarge = () => new Error(`the input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_INPUT_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return decode(Buffer.concat(chunks));
}

async function readFileText(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    if ((await handle.stat()).size > MAX_INPUT_BYTES) throw tooLarge();
    return decode(await handle.readFile());
  } finally {
    await handle.close();
  }
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  readText: (path) => (path === "-" ? readStdin() : readFileText(path)),
};
