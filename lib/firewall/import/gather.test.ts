import { describe, expect, test } from "vitest";
import { tarGz } from "@/tests/support/tar";
import { gatherFiles } from "./gather";
import { ImportInputError } from "./types";

const text = (s: string) => new TextEncoder().encode(s);

describe("gatherFiles", () => {
  test("plain text files keep their names; an archive is unpacked with its folder", () => {
    const read = gatherFiles([
      { name: "csf.deny", bytes: text("192.0.2.9\n") },
      { name: "csf.tgz", bytes: tarGz([["csf/", "5", ""], ["csf/csf.conf", "0", 'TCP_IN = "22"\n'], ["csf/logo.png", "0", "\u0000PNG"]]) },
    ]);
    expect(read.files).toEqual([{ path: "csf.deny", text: "192.0.2.9\n" }, { path: "csf/csf.conf", text: 'TCP_IN = "22"\n' }]);
    expect(read.skipped).toEqual(["csf/logo.png"]);
  });

  test("an archive is recognised by its gzip header whatever its name", () => {
    expect(gatherFiles([{ name: "upload.bin", bytes: tarGz([["csf/csf.conf", "0", "x"]]) }]).files).toEqual([{ path: "csf/csf.conf", text: "x" }]);
  });

  test.each([
    ["a binary file", { name: "csf.conf", bytes: new Uint8Array([0x89, 0x50, 0xff, 0xfe]) }, /csf\.conf: is a binary file/],
    ["text cut inside a character", { name: "csf.allow", bytes: text("192.0.2.1 # caf\u00e9").slice(0, -1) }, /csf\.allow: is a binary file \(not UTF-8 text\) or cut off/],
    ["a truncated tarball", { name: "csf.tgz", bytes: tarGz([["csf/csf.conf", "0", "x".repeat(4000)]]).slice(0, 30) }, /csf\.tgz: (not a valid \.tar\.gz|is truncated)/],
    ["an absolute path", { name: "csf.tgz", bytes: tarGz([["/etc/csf/csf.conf", "0", "x"]]) }, /absolute path/],
    ["a path with ..", { name: "csf.tgz", bytes: tarGz([["csf/../../passwd", "0", "x"]]) }, /"\.\."/],
    ["a symlink", { name: "csf.tgz", bytes: tarGz([["csf/passwd", "2", ""]]) }, /links are refused/],
    ["a device file", { name: "csf.tgz", bytes: tarGz([["csf/null", "3", ""]]) }, /device file/],
  ])("%s is refused with the file named", (_, file, message) => {
    expect(() => gatherFiles([file])).toThrow(ImportInputError);
    expect(() => gatherFiles([file])).toThrow(message);
  });

  test("the unpacked size is capped by the caller", () => {
    const bomb = tarGz([["csf/csf.deny", "0", "1".repeat(2 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => gatherFiles([{ name: "csf.tgz", bytes: bomb }], 1024 * 1024)).toThrow(/unpacks to more than 1 MB; refused/);
  });
});
