/**
 * The load test's throw-away database: one administrator written through the snapshot's own
 * Prisma client (the first user cannot be made over HTTP without the setup form). Everything else
 * is created over HTTP by the test itself, so revisions and audit events are the app's own.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export const LOAD_USER = { email: "load@example.com", password: "Load-test-password-1!" };

type Client = {
  user: { create(args: unknown): Promise<unknown> };
  $disconnect(): Promise<void>;
};

export async function seedLoadUser(dir: string, databaseUrl: string): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(dir, "generated", "prisma", "client.ts")).href)) as { PrismaClient: new (o: unknown) => Client };
  const db = new mod.PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
  try {
    await db.user.create({ data: { name: "Load Admin", email: LOAD_USER.email, passwordHash: await hash(LOAD_USER.password), role: "admin" } });
  } finally {
    await db.$disconnect();
  }
}
