import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { serializeProfileDocument } from "@/lib/firewall/policy/document";
import { makeProfile } from "@/tests/support/profile";
import { MAX_INPUT_BYTES } from "./io";

const dir = mkdtempSync(join(tmpdir(), "portcullis-cli-hostile-"));
const valid = JSON.parse(serializeProfileDocument(makeProfile({ name: "web1" }))) as { server: Record<string, unknown> };
const withServer = (patch: Record<string, unknown>) => JSON.stringify({ ...valid, server: { ...valid.server, ...patch } });

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The real command line, as a user runs it: `npm run cli -- assess FILE` is `tsx cli/index.ts assess FILE`. */
async function assess(path: string): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "cli/index.ts", "assess", path], { encoding: "utf8" });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

test.each([
  ["invalid UTF-8", () => write("bad-utf8.json", Buffer.concat([Buffer.from('{"format":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')])), /not valid UTF-8/],
  ["not JSON", () => write("not.json", "<script>alert(1)</script>"), /Not valid JSON/],
  ["wrong types", () => write("types.json", withServer({ sshPort: "22; DROP TABLE users", adminSources: "everyone" })), /server\.sshPort: .*\n.*server\.adminSources/],
  ["a script tag as the name", () => write("script.json", withServer({ name: "<script>alert(1)</script>" })), /server\.name: Use only letters, digits, spaces, dots, underscores and hyphens\./],
  ["SQL-looking text as the host name", () => write("sql.json", withServer({ hostname: "x' OR '1'='1" })), /server\.hostname: Enter a host name such as server1\.example\.com/],
  ["an over-long name", () => write("long.json", withServer({ name: "a".repeat(10_000) })), /server\.name: Use at most 64 characters\./],
  ["a file over the size limit", () => write("huge.json", Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20)), /larger than 64 MB/],
])("assess refuses %s with a clear message and exit code 2, no stack trace", async (_what, make, message) => {
  const result = await assess(make());
  expect(result.code).toBe(2);
  expect(result.err).toMatch(message);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.out).toBe("");
}, 30_000);
