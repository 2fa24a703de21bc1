/**
 * Refused sign-ins (an account or address locked out) arrive as fast as an attacker sends them,
 * unauthenticated. The trail keeps one event per account and window with a count, the addresses
 * seen and the last time, instead of one row per attempt.
 */
import type { Prisma } from "@/generated/prisma/client";

type Client = Pick<Prisma.TransactionClient, "auditEvent">;
type Row = Prisma.AuditEventCreateManyInput;

export const REFUSED_ACTION = "auth.login-refused";
/** One event per account per this long: the sign-in lockout's own window. */
export const REFUSAL_WINDOW_MS = 15 * 60 * 1000;
const ADDRESSES_MAX = 10;

type RefusalDetails = { count: number; addresses: string[]; lastAt: string };

const timeOf = (row: Row) => new Date(row.createdAt ?? Date.now());
const summaryOf = (account: string, count: number) =>
  `Sign-in refused for ${account} (too many attempts)${count > 1 ? `: ${count} times` : ""}`.slice(0, 500);

function detailsOf(raw: string): Partial<RefusalDetails> & { address?: string } {
  try {
    return JSON.parse(raw) as Partial<RefusalDetails> & { address?: string };
  } catch {
    return {};
  }
}

/** Stores refused sign-in events (`rows`, all of REFUSED_ACTION): each adds to its account's open event. */
export async function storeRefusals(client: Client, rows: readonly Row[]): Promise<void> {
  const byAccount = new Map<string, Row[]>();
  for (const row of rows) byAccount.set(row.targetId, [...(byAccount.get(row.targetId) ?? []), row]);
  for (const [account, group] of byAccount) {
    const first = group[0];
    const last = group.at(-1);
    if (!first || !last) continue;
    const open = await client.auditEvent.findFirst({
      where: { action: REFUSED_ACTION, targetType: "account", targetId: account, createdAt: { gt: new Date(timeOf(first).getTime() - REFUSAL_WINDOW_MS) } },
      orderBy: { createdAt: "desc" }, select: { id: true, details: true },
    });
    const before = open ? detailsOf(open.details) : { count: 0, addresses: [] };
    const seen = [...(before.addresses ?? (before.address ? [before.address] : [])), ...group.map((r) => detailsOf(r.details ?? "{}").address ?? "")];
    const details: RefusalDetails = {
      count: open ? (before.count ?? 1) + group.length : group.length,
      addresses: [...new Set(seen.filter(Boolean))].slice(0, ADDRESSES_MAX),
      lastAt: timeOf(last).toISOString(),
    };
    const data = { summary: summaryOf(account, details.count), details: JSON.stringify(details) };
    if (open) await client.auditEvent.update({ where: { id: open.id }, data });
    else await client.auditEvent.create({ data: { ...first, ...data } });
  }
}
