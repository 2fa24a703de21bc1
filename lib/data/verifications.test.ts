import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { profileDocumentSchema, type ProfileDocument } from "@/lib/firewall";
import { migratedDatabase } from "@/tests/support/database";
import { document as sample, liveSectionsFor, liveText } from "@/tests/support/live-fixture";

// Verifying many servers from one upload of live files, on real SQLite (the committed migrations):
// each file matched to its server, verified, stored and audited; the rest reported, never guessed.
const session = vi.hoisted(() => ({ user: { id: "", name: "Vera Verify", email: "vera@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

let data: { db: typeof import("@/lib/db").db; verifications: typeof import("./verifications") };
const ids: Record<string, string> = {};

const header = (host: string) => `backend=iptables\nhost=${host}\ntime=2026-12-03T10:00:00Z\ngenerator=Portcullis t verify.sh\nread-only=yes`;
const doc = (name: string, hostname: string, ipv4: string): ProfileDocument => profileDocumentSchema.parse({ ...sample, server: { ...sample.server, name, hostname, ipv4 } });

beforeAll(async () => {
  process.env.DATABASE_URL = migratedDatabase().url;
  const [{ db }, { importProfiles }, verifications] = await Promise.all([import("@/lib/db"), import("./transfer"), import("./verifications")]);
  data = { db, verifications };
  session.user.id = (await db.user.create({ data: { name: "Vera Verify", email: "vera@example.com", passwordHash: "x", role: "editor" } })).id;
  for (const c of await importProfiles([doc("alpha", "alpha.example.com", "192.0.2.11"), doc("beta", "beta.example.com", "192.0.2.12"), doc("gamma", "", "192.0.2.13")])) ids[c.name] = c.id;
}, 120_000);
afterAll(async () => data?.db.$disconnect());

describe("verify many servers from their live files", () => {
  test("each file reaches its server by file name or by the host in it; drift, unreadable and unknown files are named", async () => {
    const live = liveSectionsFor(doc("alpha", "alpha.example.com", "192.0.2.11"));
    const opened = live.v4.replace("-A INPUT -j PORTCULLIS-IN", "-A INPUT -p tcp --dport 8081 -j ACCEPT\n-A INPUT -j PORTCULLIS-IN");
    const items = await data.verifications.verifyFleet([
      { name: "alpha.example.com.txt", text: liveText(live.base, header("alpha")) },
      { name: "portcullis-live-beta.example.com-20261203T100000Z.txt", text: liveText({ ...live.base, "live iptables-save": opened }, header("beta.example.com")) },
      { name: "live.txt", text: liveText(live.base, header("beta.example.com")) },
      { name: "192.0.2.13.txt", text: "hello\n" },
      { name: "delta.example.com.txt", text: liveText(live.base, header("delta.example.com")) },
    ]);
    expect(items.map((i) => [i.fileName, i.server?.name ?? null, i.outcome])).toEqual([
      ["alpha.example.com.txt", "alpha", "in-sync"],
      ["portcullis-live-beta.example.com-20261203T100000Z.txt", null, "not-verified"],
      ["live.txt", null, "not-verified"],
      ["192.0.2.13.txt", "gamma", "not-verified"],
      ["delta.example.com.txt", null, "not-verified"],
    ]);
    expect(items[0]!.summary).toBe("In sync with revision 1");
    expect(items[1]!.summary).toBe("portcullis-live-beta.example.com-20261203T100000Z.txt, live.txt are for the same server, beta: upload one file per server.");
    expect(items[3]!.summary).toMatch(/^Not a readable live file: live file, line 1: expected "# portcullis-live format 1"/);
    expect(items[4]!.summary).toContain('No server here has the host name, address or name "delta.example.com"');

    const rows = await data.db.serverProfile.findMany({ where: { id: { in: [ids.alpha!, ids.beta!, ids.gamma!] } }, select: { name: true, verifyVerdict: true }, orderBy: { name: "asc" } });
    expect(rows).toEqual([{ name: "alpha", verifyVerdict: "in-sync" }, { name: "beta", verifyVerdict: null }, { name: "gamma", verifyVerdict: null }]);
    expect(await data.db.auditEvent.count({ where: { action: "server.verify" } })).toBe(1);
  });

  test("a drifted server is stored as drifted, matched by the host its file records", async () => {
    const live = liveSectionsFor(doc("beta", "beta.example.com", "192.0.2.12"));
    const opened = live.v4.replace("-A INPUT -j PORTCULLIS-IN", "-A INPUT -p tcp --dport 8081 -j ACCEPT\n-A INPUT -j PORTCULLIS-IN");
    const [item] = await data.verifications.verifyFleet([{ name: "upload.txt", text: liveText({ ...live.base, "live iptables-save": opened }, header("beta.example.com")) }]);
    expect(item).toMatchObject({ server: { name: "beta" }, via: "host in the file", outcome: "drift", summary: "1 difference(s) from revision 1", drift: ["tcp 8081 is open to anyone (IPv4) on the server, not in the revision."] });
    expect((await data.db.serverProfile.findUniqueOrThrow({ where: { id: ids.beta! }, select: { verifyVerdict: true } })).verifyVerdict).toBe("drift");
  });

  test("no files, or too many, is refused before anything is read", async () => {
    await expect(data.verifications.verifyFleet([])).rejects.toThrow("Choose the live files to verify.");
    const many = Array.from({ length: 501 }, (_, i) => ({ name: `${i}.txt`, text: "" }));
    await expect(data.verifications.verifyFleet(many)).rejects.toThrow("At most 500 files at once.");
  });
});
