import "server-only";
import { db } from "@/lib/db";
import { databaseFaultOf, type DatabaseFault } from "@/lib/db-errors";

export type Health = { read: "ok" | DatabaseFault; write: "ok" | DatabaseFault };

async function probe(step: () => Promise<unknown>): Promise<"ok" | DatabaseFault> {
  try {
    await step();
    return "ok";
  } catch (error) {
    const fault = databaseFaultOf(error);
    if (!fault) throw error;
    return fault;
  }
}

/** A read and a committed one-row write (always the same row, so the file does not grow). No session needed: it reveals nothing. */
export async function checkDatabase(): Promise<Health> {
  const read = await probe(() => db.user.count());
  const checkedAt = new Date();
  const write = await probe(() => db.healthCheck.upsert({ where: { id: 1 }, create: { id: 1, checkedAt }, update: { checkedAt } }));
  return { read, write };
}
