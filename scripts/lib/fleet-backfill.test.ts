import { afterAll, describe, expect, test } from "vitest";
import { createDefaultDocument, serializeProfileDocument } from "@/lib/firewall";
import { clientOf, migratedDatabase } from "@/tests/support/database";
import { backfillFleetIndex } from "./fleet-backfill";

// A database as an older release left it: profiles saved without the list's facts.
const { url } = migratedDatabase();
const db = clientOf(url);
afterAll(() => db.$disconnect());

describe("the start-up backfill of the server list", () => {
  test("indexes every stale server once, then finds nothing to do", async () => {
    for (const [i, name] of ["old1", "old2", "old3"].entries()) {
      const doc = createDefaultDocument({ name, os: "almalinux", panel: "cpanel", ipv4: `192.0.2.${i + 1}` });
      await db.serverProfile.create({ data: { name, os: "almalinux", panel: "cpanel", ipv4: `192.0.2.${i + 1}`, policy: serializeProfileDocument(doc) } });
    }
    const lines: string[] = [];
    expect(await backfillFleetIndex(url, (l) => lines.push(l))).toBe(3);
    expect(lines).toEqual([expect.stringMatching(/^Indexing 3 servers for the server list/)]);
    const rows = await db.serverProfile.findMany({ select: { version: true, indexedVersion: true, ipv4Key: true, backend: true } });
    for (const r of rows) expect(r).toMatchObject({ indexedVersion: r.version, backend: expect.any(String) });
    expect(rows.every((r) => r.ipv4Key !== "")).toBe(true);
    expect(await db.serverExposure.count()).toBeGreaterThan(0);
    expect(await backfillFleetIndex(url, (l) => lines.push(l))).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
