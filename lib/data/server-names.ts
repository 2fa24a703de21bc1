import "server-only";
import { Prisma } from "@/generated/prisma/client";

type Client = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Server names are unique regardless of case (the index compares with NOCASE since migration
 * 20261202110000_server_name_nocase): the key two names share. Names are ASCII, as NOCASE folds.
 */
export const nameKey = (name: string): string => name.toLowerCase();

/** The stored names equal to any of `names` regardless of case, by nameKey; `except` leaves out one profile (its own name). */
export async function namesInUse(client: Client, names: readonly string[], except = ""): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  const keys = [...new Set(names.map(nameKey))];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await client.$queryRaw<{ name: string }[]>`
      SELECT name FROM "ServerProfile" WHERE lower(name) IN (${Prisma.join(keys.slice(i, i + 500))}) AND id <> ${except}`;
    for (const { name } of rows) held.set(nameKey(name), name);
  }
  return held;
}

/** The names in use that start with `prefix` regardless of case, as keys (for picking a free "Copy of …" name). */
export async function namesStartingWith(client: Client, prefix: string): Promise<Set<string>> {
  const rows = await client.$queryRaw<{ name: string }[]>`
    SELECT name FROM "ServerProfile" WHERE lower(substr(name, 1, ${prefix.length})) = ${nameKey(prefix)}`;
  return new Set(rows.map((r) => nameKey(r.name)));
}
