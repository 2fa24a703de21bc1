import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";

export type TemplateChoice = { id: string; name: string };

/** Every template, A to Z, for the server list's template filter (id and name only). */
export async function listTemplateChoices(): Promise<TemplateChoice[]> {
  await requireRole("viewer");
  return db.template.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
