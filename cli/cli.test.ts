import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { CPANEL_CATALOG } from "@/lib/firewall/catalog";
import { parseProfileDocument, serializeProfileDocument } from "@/lib/firewall/policy/document";
import { makeProfile, setService } from "@/tests/support/profile";
import { loadProfileFile } from "./load-profile";
import { runCli } from "./run";
import { CliExit, type Io } from "./types";

type Run = { code: number; out: string; err: string };

const dir = mkdtempSync(join(tmpdir(), "portcullis-cli-"));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function recorder(stdin = ""): Io & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readText: async (path) => (path === "-" ? stdin : readFileSync(path, "utf8")),
    outText: () => out.join("\n"),
    errText: () => err.join("\n"),
  };
}

async function cli(args: string[], stdin?: string): Promise<Run> {
  const io = recorder(stdin);
  const code = await runCli(args, io);
  return { code, out: io.outText(), err: io.errText() };
}

const goodProfile = file("good.json", serializeProfileDocument(makeProfile({ adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] })));
const criticalProfile = file("critical.json", serializeProfileDocument(makeProfile({}, (d) => setService(d, "ssh", { access: "admins" }))));
const invalidProfile = file("invalid.json", JSON.stringify({ ...JSON.parse(readFileSync(goodProfile, "utf8")), server: { name: "x", os: "beos", panel: "cpanel", sshPort: 0 } }));

describe("dispatcher", () => {
  test.each([
    [[], 2, "err", /Usage: npm run cli/],
    [["help"], 0, "out", /Commands:/],
    [["frobnicate"], 2, "err", /Unknown command "frobnicate"/],
    [["assess", "--help"], 0, "out", /Usage: assess/],
    [["catalog", "--bogus"], 2, "err", /Unknown option '--bogus'/],
  ] as const)("%j exits %i", async (args, code, stream, text) => {
    const run = await cli([...args]);
    expect(run.code).toBe(code);
    expect(run[stream]).toMatch(text);
  });
});

describe("catalog", () => {
  test.each(["cpanel", "froxlor", "other"])("%s prints a table", async (panel) => {
    const run = await cli(["catalog", panel]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/PORT\s+ID\s+SERVICE\s+TCP\s+UDP\s+IN\s+OUT\s+LOCAL/);
  });

  test("--json lists every cPanel row with port or range, the five flags, category and note", async () => {
    const run = await cli(["catalog", "cpanel", "--json"]);
    const json = JSON.parse(run.out);
    expect(json.services).toHaveLength(CPANEL_CATALOG.services.length);
    const powerdns = json.services.find((s: { id: string }) => s.id === "powerdns");
    expect(powerdns).toMatchObject({ port: 953, tcp: false, udp: false, inbound: false, outbound: false, localhost: true, category: "dns" });
    expect(powerdns.start).toMatchObject({ tcp: true, localhostOnly: true });
    expect(json.services.find((s: { id: string }) => s.id === "ftp-passive")).toMatchObject({ range: { from: 49152, to: 65534 }, source: "extra" });
    for (const s of json.services) expect(typeof s.note).toBe("string");
  });

  test.each([["windows"], []])("bad panel %j exits 2", async (...rest) => {
    expect((await cli(["catalog", ...rest])).code).toBe(2);
  });
});

describe("assess", () => {
  test("a clean profile exits 0 and prints the findings", async () => {
    const run = await cli(["assess", goodProfile]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/0 critical, 0 warnings, \d+ info/);
  });

  test("critical findings exit 1", async () => {
    const run = await cli(["assess", criticalProfile]);
    expect(run.code).toBe(1);
    expect(run.out).toContain("[lockout-ssh]");
  });

  test("--json prints the warnings as data", async () => {
    const run = await cli(["assess", criticalProfile, "--json"]);
    const json = JSON.parse(run.out);
    expect(json.summary.critical).toBeGreaterThan(0);
    expect(json.warnings[0]).toMatchObject({ id: "lockout-ssh", severity: "critical" });
  });

  test("reads standard input for -", async () => {
    expect((await cli(["assess", "-"], readFileSync(goodProfile, "utf8"))).code).toBe(0);
  });

  test("reads a version 3 profile (an export with tags and the template it follows)", async () => {
    const fleet = { tags: ["eu-west"], template: { name: "Shared hosting", revision: 2 } };
    const text = serializeProfileDocument({ ...makeProfile({ adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] }), fleet });
    expect(JSON.parse(text)).toMatchObject({ version: 3, fleet });
    expect((await cli(["assess", "-"], text)).code).toBe(0);
  });

  test("an invalid profile names each field and exits 2", async () => {
    const run = await cli(["assess", invalidProfile]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("server.os: Choose an operating system.");
    expect(run.err).toContain("server.sshPort: Ports run from 1 to 65535.");
  });

  test.each([
    ["a missing file", join(dir, "missing.json"), /no such file/],
    ["broken JSON", file("broken.json", "{"), /Not valid JSON/],
  ])("%s exits 2", async (_name, path, message) => {
    const run = await cli(["assess", path]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });
});

describe("init", () => {
  test.each(["cpanel", "froxlor", "other"])("prints a valid %s profile that round-trips", async (panel) => {
    const run = await cli(["init", "--panel", panel, "--os", "ubuntu", "--name", "web 1", "--ssh-port", "2222", "--admin", "203.0.113.0/24", "--admin", "2001:DB8:A::/48"]);
    expect(run.code).toBe(0);
    const parsed = parseProfileDocument(run.out);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.server).toMatchObject({ panel, sshPort: 2222, adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] });
    expect(serializeProfileDocument(parsed.value)).toBe(run.out);
    // The administrator addresses given are where the administrator logins start limited to.
    expect(parsed.value.policy.services.ssh?.access).toBe("admins");
    if (panel === "cpanel") expect(parsed.value.policy.services["whm-ssl"]?.access).toBe("admins");
  });

  test("a name starting with - is refused with the same field error as the form", async () => {
    const run = await cli(["init", "--panel", "cpanel", "--os", "debian", "--name=-web"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("--name: Start with a letter or digit.");
    expect(run.out).toBe("");
  });

  test("bad options are reported by option name", async () => {
    const run = await cli(["init", "--panel", "cpanel", "--os", "beos", "--ssh-port", "x", "--admin", "0.0.0.0/0"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("--name: Required field is missing");
    expect(run.err).toContain("--os: Choose an operating system.");
    expect(run.err).toContain("--ssh-port: A port is a whole number.");
    expect(run.err).toContain("--admin[0]:");
  });
});

describe("loadProfileFile", () => {
  test("returns the validated document", async () => {
    const doc = await loadProfileFile(goodProfile, recorder());
    expect(doc.server.name).toBe("test-server");
  });
  test("prints the problems and throws exit 2", async () => {
    const io = recorder();
    await expect(loadProfileFile(invalidProfile, io)).rejects.toEqual(new CliExit(2));
    expect(io.errText()).toMatch(/is not a valid Portcullis profile \(\d+ problems?\)/);
  });
});

describe("the real entry point", () => {
  const run = promisify(execFile);
  const tsx = join(__dirname, "../node_modules/.bin/tsx");
  const entry = join(__dirname, "index.ts");

  test("exit codes reach the shell", async () => {
    await expect(run(tsx, [entry, "assess", goodProfile])).resolves.toMatchObject({ stdout: expect.stringContaining("0 critical") });
    await expect(run(tsx, [entry, "assess", criticalProfile])).rejects.toMatchObject({ code: 1 });
    await expect(run(tsx, [entry, "assess", invalidProfile])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("server.os") });
  });
});
