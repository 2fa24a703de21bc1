import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { createServerViaApi } from "./support/fixtures";
import { getPolicy } from "./support/policy";

const PROFILES = 5;
const SAVES = 100;

type Outcome = { statuses: number[]; saved?: string };

/** One client's save: read, add its own block, PUT with the version read; on 409 read again and retry. */
async function saveWithRetry(request: APIRequestContext, id: string, address: string): Promise<Outcome> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    const { version, document } = await getPolicy(request, id);
    document.policy.blocked.push({ address, comment: "" });
    const res = await request.put(`/api/servers/${id}/policy`, { data: { version, policy: document.policy } });
    statuses.push(res.status());
    if (res.status() === 200) return { statuses, saved: address };
    if (res.status() !== 409) return { statuses };
    await new Promise((r) => setTimeout(r, Math.random() * 30));
  }
  return { statuses };
}

test("100 concurrent saves over 5 profiles: conflicts are 409, never 5xx, and no update is lost", async ({ request }) => {
  test.setTimeout(180_000);
  const ids: string[] = [];
  for (let i = 0; i < PROFILES; i++) ids.push(await createServerViaApi(request, { name: `Race ${i}`, os: "debian", panel: "froxlor" }));

  // Saves i and i+5, i+10, … hit the same profile at the same moment; the others run alongside.
  const outcomes = await Promise.all(
    Array.from({ length: SAVES }, (_, i) => saveWithRetry(request, ids[i % PROFILES] ?? "", `198.51.100.${i + 1}`)),
  );
  const statuses = outcomes.flatMap((o) => o.statuses);
  expect(statuses.filter((s) => s >= 500), "server errors").toEqual([]);
  expect([...new Set(statuses)].sort()).toEqual(statuses.includes(409) ? [200, 409] : [200]);
  expect(outcomes.filter((o) => o.saved)).toHaveLength(SAVES);

  for (const [n, id] of ids.entries()) {
    const mine = outcomes.filter((o, i) => i % PROFILES === n && o.saved).map((o) => o.saved);
    const { version, document } = await getPolicy(request, id);
    // Each success was based on the version just before it, so every block survives…
    expect(document.policy.blocked.map((b) => b.address).sort()).toEqual([...mine].sort());
    // …and versions and revisions count exactly the successful saves (plus the creation).
    expect(version).toBe(1 + mine.length);
    const { revisions } = (await (await request.get(`/api/servers/${id}/revisions`)).json()) as { revisions: { version: number }[] };
    expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: version }, (_, i) => version - i));
  }
  console.log(`${statuses.length} requests: ${statuses.filter((s) => s === 200).length} saved, ${statuses.filter((s) => s === 409).length} conflicts (409)`);
});

test("the database runs in WAL mode", () => {
  const file = path.join(process.env.E2E_DATA_DIR ?? "", "portcullis.db");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
  db.close();
});
