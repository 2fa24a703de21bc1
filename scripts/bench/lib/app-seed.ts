/**
 * Seeds the throw-away database through the snapshot's own Prisma client (so every column is
 * written exactly as the app writes it): one administrator, `count` server profiles spread over
 * 50 host groups, and the full cPanel profile (no critical warnings) with its saved matrix; then
 * the server list's facts of each (lib/data/fleet-index.ts).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaClient } from "@/generated/prisma/client";
import { indexStaleServers } from "@/lib/data/fleet-index";
import { assessPolicy, serializeProfileDocument } from "@/lib/firewall";
import { fullCpanelProfile } from "./profiles";

export const BENCH_USER = { email: "bench@example.com", password: "Bench-password-2026!" };
export const FULL_PROFILE_ID = "bench-full-profile";

type Delegate = { create(args: unknown): Promise<unknown>; createMany(args: unknown): Promise<unknown> };
type Client = { user: Delegate; serverProfile: Delegate; $disconnect(): Promise<void> };

const PANELS = ["cpanel", "froxlor", "other"] as const;
const OSES = ["almalinux", "rocky", "cloudlinux", "ubuntu", "debian"] as const;

export async function seedApp(dir: string, databaseUrl: string, count: number): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(dir, "generated", "prisma", "client.ts")).href)) as { PrismaClient: new (o: unknown) => Client };
  const db = new mod.PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
  try {
    await db.user.create({ data: { id: "bench-admin", name: "Bench Admin", email: BENCH_USER.email, passwordHash: await hash(BENCH_USER.password), role: "admin" } });
    const started = Date.now() - count * 1000;
    for (let from = 0; from < count; from += 1000) {
      const data = Array.from({ length: Math.min(1000, count - from) }, (_, k) => {
        const i = from + k;
        const n = String(i).padStart(5, "0");
        return {
          id: `bench-${n}`,
          name: `srv-${n}`,
          hostname: `web${n}.hosting-${i % 50}.example.net`,
          os: OSES[i % OSES.length],
          panel: PANELS[i % PANELS.length],
          adminSources: JSON.stringify(["203.0.113.0/24"]),
          createdAt: new Date(started + i * 1000),
          updatedAt: new Date(started + i * 1000),
          createdById: "bench-admin",
        };
      });
      await db.serverProfile.createMany({ data });
    }
    const doc = fullCpanelProfile(50);
    if (assessPolicy(doc).some((w) => w.severity === "critical")) throw new Error("the full profile must have no critical warnings (downloads would need an acknowledgement)");
    const s = doc.server;
    await db.serverProfile.create({
      data: {
        id: FULL_PROFILE_ID, name: s.name, hostname: s.hostname, ipv4: s.ipv4, ipv6: s.ipv6, os: s.os, panel: s.panel, sshPort: s.sshPort,
        adminSources: JSON.stringify(s.adminSources), policy: serializeProfileDocument(doc), createdById: "bench-admin",
      },
    });
    // As saves through the app would have: the list's facts of every server (else the first list
    // loads would do this backfill, 100 servers each, and be measured doing it).
    await indexStaleServers(db as unknown as PrismaClient, count + 1);
  } finally {
    await db.$disconnect();
  }
}
