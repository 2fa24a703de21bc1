import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { nodeDeflate } from "./node-deflate";
import { crc32, FAST_LEVEL_ABOVE, PIECE, zipEntries, type ZipEntry } from "./zip";

const ENTRIES: ZipEntry[] = [
  { path: "web1/nftables/portcullis.nft", content: "table inet portcullis {\n}\n".repeat(200), mode: 0o644 },
  { path: "web1/nftables/apply.sh", content: "#!/bin/sh\necho ü\n", mode: 0o755 },
  { path: "web1/empty.txt", content: "", mode: 0o600 },
];
const MTIME = new Date("2026-11-22T12:00:00Z");

describe("zipEntries", () => {
  test("crc32 matches the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  test.each([
    ["fflate", undefined],
    ["node zlib", nodeDeflate],
  ])("%s: every entry comes back with its content, and the same input gives the same bytes", (_name, deflate) => {
    const zip = zipEntries(ENTRIES, MTIME, deflate);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(ENTRIES.map((e) => e.path).sort());
    for (const e of ENTRIES) expect(strFromU8(files[e.path]!)).toBe(e.content);
    expect(zipEntries(ENTRIES, MTIME, deflate)).toEqual(zip);
  });

  test.each([
    ["fflate", undefined],
    ["node zlib", nodeDeflate],
  ])("%s: an entry above the fast-level size (a big blocklist) comes back whole, with non-ASCII text", (_name, deflate) => {
    const big = { path: "web1/ufw/portcullis-ufw.sh", content: "ufw prepend deny from 192.0.2.1 # ü\n".repeat(40_000), mode: 0o755 };
    expect(big.content.length).toBeGreaterThan(FAST_LEVEL_ABOVE);
    const files = unzipSync(zipEntries([...ENTRIES, big], MTIME, deflate));
    expect(strFromU8(files[big.path]!)).toBe(big.content);
    expect(strFromU8(files[ENTRIES[1]!.path]!)).toBe(ENTRIES[1]!.content);
  });

  test("the native checksum, where Node has one, equals the pure-JS one, also continued over pieces", () => {
    const data = new TextEncoder().encode("Portcullis ü ".repeat(1000));
    expect((nodeDeflate.crc32 ?? crc32)(data)).toBe(crc32(data));
    const [a, b] = [data.subarray(0, 777), data.subarray(777)];
    expect(crc32(b, crc32(a))).toBe(crc32(data));
    expect((nodeDeflate.crc32 ?? crc32)(b, (nodeDeflate.crc32 ?? crc32)(a))).toBe(crc32(data));
  });

  test("a file compressed in pieces is one valid stream: the real unzip gives it back byte for byte, a pair of surrogates split by no piece", () => {
    // An astral character (two UTF-16 units) straddles the first piece boundary.
    const head = "x".repeat(PIECE - 1);
    const big = { path: "web1/csf/portcullis.deny", content: `${head}😀\n${"198.51.100.7 # Portcullis\n".repeat(90_000)}`, mode: 0o644 };
    expect(big.content.length).toBeGreaterThan(2 * PIECE);
    const dir = mkdtempSync(join(tmpdir(), "pc-zip-"));
    try {
      const zip = zipEntries([ENTRIES[0]!, big, ENTRIES[1]!], MTIME, nodeDeflate);
      writeFileSync(join(dir, "b.zip"), zip);
      const r = spawnSync("unzip", ["-q", join(dir, "b.zip"), "-d", dir], { encoding: "utf8" });
      expect([r.status, r.stderr]).toEqual([0, ""]);
      expect(readFileSync(join(dir, big.path), "utf8")).toBe(big.content);
      expect(readFileSync(join(dir, ENTRIES[1]!.path), "utf8")).toBe(ENTRIES[1]!.content);
      expect(zipEntries([ENTRIES[0]!, big, ENTRIES[1]!], MTIME, nodeDeflate)).toEqual(zip);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the native path unzips with the real unzip, keeping Unix modes", () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-zip-"));
    try {
      writeFileSync(join(dir, "b.zip"), zipEntries(ENTRIES, MTIME, nodeDeflate));
      const r = spawnSync("unzip", ["-q", join(dir, "b.zip"), "-d", dir], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(statSync(join(dir, "web1/nftables/apply.sh")).mode & 0o777).toBe(0o755);
      expect(statSync(join(dir, "web1/empty.txt")).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
