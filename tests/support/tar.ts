import { gzipSync } from "fflate";

/** A minimal ustar archive: each entry is [name, type flag, content]. */
export function tarGz(entries: [string, string, string][]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, type, content] of entries) {
    const data = new TextEncoder().encode(content);
    const header = new Uint8Array(512);
    const put = (text: string, at: number) => header.set(new TextEncoder().encode(text), at);
    put(name, 0);
    put("0000644\0", 100);
    put(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    put("        ", 148);
    put(type, 156);
    put(type === "2" ? "/etc/passwd" : "", 157);
    put("ustar\u000000", 257);
    const sum = header.reduce((a, b) => a + b, 0);
    put(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const all = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    all.set(b, at);
    at += b.length;
  }
  return gzipSync(all);
}
