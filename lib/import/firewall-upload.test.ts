import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { tarGz } from "@/tests/support/tar";

// The upload steps on real SQLite (the committed migrations); the session is the one stand-in.
const session = vi.hoisted(() => ({ user: { id: "", name: "Eve Editor", email: "eve@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

let data: {
  db: typeof import("@/lib/db").db;
  prepare: typeof import("./firewall-upload").prepareFirewallImport;
  create: typeof import("./firewall-upload").createFromFirewallImport;
};

beforeAll(async () => {
  const { useScratchDatabase } = await import("@/tests/support/database");
  useScratchDatabase();
  const [{ db }, upload] = await Promise.all([import("@/lib/db"), import("./firewall-upload")]);
  data = { db, prepare: upload.prepareFirewallImport, create: upload.createFromFirewallImport };
  session.user.id = (await db.user.create({ data: { name: "Eve Editor", email: "eve@example.com", passwordHash: "x", role: "editor" } })).id;
}, 120_000);
afterAll(async () => data.db.$disconnect());

const CONF = 'TCP_IN = "22,80,443"\nTCP_OUT = "1:65535"\nUDP_IN = ""\nUDP_OUT = "1:65535"\n';

function form(name: string, files: { name: string; bytes: Uint8Array | string }[], digest?: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ kind: "csf", name, os: "almalinux", panel: "cpanel", target: "" })) f.set(k, v);
  for (const file of files) f.append("files", new File([file.bytes as string | Uint8Array<ArrayBuffer>], file.name));
  if (digest !== undefined) f.set("digest", digest);
  return f;
}

const makeTarball = (conf: string) => ({ name: "csf.tgz", bytes: tarGz([["csf/", "5", ""], ["csf/csf.conf", "0", conf], ["csf/csf.deny", "0", "192.0.2.9 # lfd\n"]]) });
// Made once: gzip stamps the time into its header, and the browser re-sends the very same bytes.
const TARBALL = makeTarball(CONF);
const CHANGED = makeTarball(CONF.replace("443", "8443"));
const tarball = () => TARBALL;
const count = () => data.db.serverProfile.count();

describe("the dashboard's firewall import", () => {
  test("the review step imports a tarball and stores nothing; the same upload has the same fingerprint", async () => {
    const first = await data.prepare(form("web1", [tarball()]));
    if (!first.ok) throw new Error(first.failure.message);
    expect(first.prepared.document.policy).toMatchObject({ backend: "nftables", blocked: [{ address: "192.0.2.9", comment: "lfd" }] });
    expect(first.prepared.digest).toMatch(/^[0-9a-f]{64}$/);
    const again = await data.prepare(form("web1", [tarball()]));
    expect(again.ok && again.prepared.digest).toBe(first.prepared.digest);
    const other = await data.prepare(form("web1", [CHANGED]));
    expect(other.ok && other.prepared.digest).not.toBe(first.prepared.digest);
    expect(await count()).toBe(0);
  });

  test("create stores the reviewed files once (revision 1, audited); changed files or a forged fingerprint store nothing", async () => {
    const reviewed = await data.prepare(form("web2", [tarball()]));
    if (!reviewed.ok) throw new Error(reviewed.failure.message);
    const { digest } = reviewed.prepared;
    expect(await data.create(form("web2", [CHANGED], digest))).toMatchObject({ ok: false, message: expect.stringMatching(/not the ones reviewed; nothing was stored/) });
    expect(await data.create(form("web2", [tarball()], "0".repeat(64)))).toMatchObject({ ok: false });
    expect(await data.create(form("web2", [tarball()]))).toMatchObject({ ok: false, message: expect.stringMatching(/review is missing/) });
    expect(await count()).toBe(0);

    const created = await data.create(form("web2", [tarball()], digest));
    if (!created.ok) throw new Error(created.message);
    const row = await data.db.serverProfile.findUniqueOrThrow({ where: { id: created.data.id }, select: { name: true, version: true } });
    expect(row).toEqual({ name: "web2", version: 1 });
    const events = await data.db.auditEvent.findMany({ where: { targetId: created.data.id }, select: { action: true, summary: true } });
    expect(events).toEqual([{ action: "server.import", summary: expect.stringMatching(/^Imported web2 from CSF files \(revision 1\)/) }]);
    // The same review cannot create a second server: the name is taken now.
    expect(await data.create(form("web2", [tarball()], digest))).toMatchObject({ ok: false, fieldErrors: { name: ['A server named "web2" already exists.'] } });
    // Names are unique regardless of case.
    expect(await data.create(form("WEB2", [tarball()], digest))).toMatchObject({ ok: false, fieldErrors: { name: ['A server named "web2" already exists; names are unique regardless of case.'] } });
    expect(await count()).toBe(1);
  });

  test.each([
    ["no files", [], { files: ["Choose the firewall's files, or one .tar.gz of its folder."] }],
    ["more than 16 MiB in all", [{ name: "csf.deny", bytes: new Uint8Array(9 * 1024 * 1024).fill(49) }, { name: "csf.allow", bytes: new Uint8Array(8 * 1024 * 1024).fill(49) }], { files: ["The files are larger than 16 MiB in all."] }],
  ] as [string, { name: string; bytes: Uint8Array }[], Record<string, string[]>][])("%s: a field error", async (_, files, fieldErrors) => {
    const result = await data.prepare(form("web3", files));
    expect(!result.ok && !result.failure.ok ? result.failure.fieldErrors : null).toEqual(fieldErrors);
  });

  test.each([
    ["a symlink in the tarball", { name: "csf.tgz", bytes: tarGz([["csf/csf.allow", "2", ""]]) }, "Nothing was imported: csf.tgz: holds a link (csf/csf.allow); links are refused."],
    ["a duplicated csf.conf key", { name: "csf.conf", bytes: 'TCP_IN = "22"\nTCP_IN = "80"\n' }, /^Nothing was imported: csf\.conf, line 2: TCP_IN is set twice/],
    ["only binary files in the tarball", { name: "csf.tgz", bytes: tarGz([["csf/logo.png", "0", "\u0000PNG"]]) }, "Nothing was imported: the upload holds no text files (only csf/logo.png)."],
  ] as [string, { name: string; bytes: Uint8Array | string }, string | RegExp][])("%s is refused with a message, nothing stored", async (_, file, message) => {
    const before = await count();
    const result = await data.prepare(form("web4", [file]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(typeof message === "string" ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : message);
    expect(await count()).toBe(before);
  });
});
