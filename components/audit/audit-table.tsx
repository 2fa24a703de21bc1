import Link from "next/link";
import type { AuditRow } from "@/lib/data/audit";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/validations/audit-actions";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The changes an event lists, and how many there were (an event lists the first 50). */
function changesOf(details: string): { texts: string[]; total: number } {
  try {
    const parsed = JSON.parse(details) as { changes?: { text: string }[]; changeCount?: number };
    const texts = parsed.changes?.map((c) => c.text) ?? [];
    return { texts, total: Math.max(texts.length, parsed.changeCount ?? 0) };
  } catch {
    return { texts: [], total: 0 };
  }
}

/** One audit event per row; a save's full diff folds out under its summary. */
export function AuditTable({ items, showTarget }: { items: AuditRow[]; showTarget: boolean }) {
  if (items.length === 0) {
    return <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-600">No events match.</p>;
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Time (UTC)</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">User</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Action</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">What happened</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((e) => {
            const changes = changesOf(e.details);
            return (
              <tr key={e.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">{timeFormat.format(e.createdAt)}</td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-900">{e.userName}</td>
                <td className="whitespace-nowrap px-4 py-2.5">
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{AUDIT_ACTION_LABELS[e.action as AuditAction] ?? e.action}</span>
                </td>
                <td className="px-4 py-2.5 text-slate-800">
                  <p className="break-words">{e.summary}</p>
                  {showTarget && e.targetType === "server" && e.action !== "server.delete" ? (
                    <Link href={`/servers/${e.targetId}/audit`} className="text-xs font-medium text-brand-700 underline">Server history</Link>
                  ) : null}
                  {changes.texts.length > 3 ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs font-medium text-brand-700">
                        {changes.total > changes.texts.length ? `The first ${changes.texts.length} of ${changes.total.toLocaleString("en-US")} changes` : `All ${changes.total} changes`}
                      </summary>
                      <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">{changes.texts.map((c, i) => <li key={i}>{c}</li>)}</ul>
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
