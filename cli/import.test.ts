import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseProfileDocument } from "@/lib/firewall/policy/document";
import { tarGz } from "@/tests/support/tar";
import { runCliCaptured } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "portcullis-import-"));
const csfDir = join(dir, "csf");
mkdirSync(csfDir);
writeFileSync(join(csfDir, "csf.conf"), 'TCP_IN = "22,80,443"\nTCP_OUT = "1:65535"\nUDP_IN = ""\nUDP_OUT = "1:65535"\nLF_SSHD = "5"\n');
writeFileSync(join(csfDir, "csf.deny"), "192.0.2.9 # lfd\n");
writeFileSync(join(csfDir, "logo.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]));
symlinkSync("/etc/passwd", join(csfDir, "passwd-link"));

const cli = runCliCaptured;

function archive(name: string, entries: [string, string, string][]): string {
  const path = join(dir, name);
  writeFileSync(path, tarGz(entries));
  return path;
}

describe("import", () => {
  test("a folder: profile JSON on stdout, findings on stderr, binary files and links skipped", async () => {
    const run = await cli(["import", "--from", "csf", csfDir, "--name", "web1"]);
    expect(run.code).toBe(0);
    const doc = parseProfileDocument(run.out);
    expect(doc.ok && doc.value.policy.services.ssh?.enabled).toBe(true);
    expect(doc.ok && doc.value.server).toMatchObject({ name: "web1", panel: "cpanel", os: "almalinux" });
    expect(run.err).toMatch(/csf\.conf:5: info: LF_SSHD: an lfd/);
    expect(run.err).toMatch(/logo\.png: info: not a regular text file; skipped/);
    expect(run.err).toMatch(/passwd-link: info: not a regular text file; skipped/);
    expect(run.err).toMatch(/Warnings the imported profile raises:/);
  });

  test("a .tar.gz as made by tar czf -C /etc csf", async () => {
    const path = archive("csf.tgz", [["csf/", "5", ""], ["csf/csf.conf", "0", 'TCP_IN = "2087"\n'], ["csf/csf.allow", "0", "tcp|in|d=2087|s=203.0.113.0/24\n"]]);
    const run = await cli(["import", "--from", "csf", path, "--panel", "cpanel", "--os", "rocky"]);
    expect(run.code).toBe(0);
    const doc = parseProfileDocument(run.out);
    expect(doc.ok && doc.value.policy.services["whm-ssl"]).toMatchObject({ enabled: true });
    expect(doc.ok && doc.value.policy.backend).toBe("nftables");
  });

  test.each([
    ["an absolute path", [["/etc/csf/csf.conf", "0", "x"]], /absolute path/],
    ["a .. path", [["csf/../../x", "0", "x"]], /path with "\.\."/],
    ["a symlink", [["csf/evil", "2", ""]], /holds a link/],
    ["a device file", [["csf/dev", "3", ""]], /device file/],
  ] as [string, [string, string, string][], RegExp][])("a tarball with %s is refused (exit 2)", async (_, entries, message) => {
    const run = await cli(["import", "--from", "csf", archive(`bad-${entries[0]?.[1]}.tgz`, entries)]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.out).toBe("");
  });

  test.each([
    ["a csf.conf with a key twice", () => [writeFileSync(join(dir, "csf.conf"), 'TCP_IN = "22"\nTCP_IN = "80"\n'), join(dir, "csf.conf")], /line 2: TCP_IN is set twice \(first on line 1\); CSF refuses/],
    ["a binary file", () => [writeFileSync(join(dir, "bin"), new Uint8Array([0, 1, 2, 255])), join(dir, "bin")], /is a binary file/],
    ["a missing path", () => [undefined, join(dir, "nope")], /cannot be read \(ENOENT\)/],
    ["a truncated tarball", () => [writeFileSync(join(dir, "cut.tgz"), tarGz([["csf.conf", "0", "x".repeat(2000)]]).slice(0, 40)), join(dir, "cut.tgz")], /not a valid \.tar\.gz|truncated/],
  ] as [string, () => [unknown, string], RegExp][])("%s exits 2 with a clear message", async (_, make, message) => {
    const [, path] = make();
    const run = await cli(["import", "--from", "csf", path]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  test.each([
    [["import", "--from", "pf", "x"], /--from must be one of/],
    [["import", "--from", "csf"], /Give at least one file/],
    [["import", "--from", "csf", "x", "--panel", "plesk"], /--panel/],
  ])("%j is a usage error", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });
});
