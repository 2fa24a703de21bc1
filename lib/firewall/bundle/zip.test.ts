import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { nodeDeflate } from "./node-deflate";
import { crc32, zipEntries, type ZipEntry } from "./zip";

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
