import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { getDownloadableDocument } from "./policies";

/** The current documents of the given servers (all servers when `ids` is empty), oldest first; null when one is missing. */
export async function ansibleDocuments(ids: readonly string[]): Promise<ProfileDocument[] | null> {
  await requireRole("viewer");
  const wanted = ids.length > 0 ? [...new Set(ids)] : (await db.serverProfile.findMany({ select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((r) => r.id);
  const docs: ProfileDocument[] = [];
  for (const id of wanted) {
    const found = await getDownloadableDocument(id);
    if (!found) return null;
    docs.push(found.document);
  }
  return docs;
}
