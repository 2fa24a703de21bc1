import Link from "next/link";
import type { ServerSummary } from "@/lib/data/server-profiles";
import { osLabel, panelLabel } from "@/lib/firewall/policy/os";
import { VERIFICATION_LABELS, verificationState } from "@/lib/verification-state";

const STATE_CLASS = { "in-sync": "text-emerald-700", drift: "font-medium text-red-700", stale: "text-amber-700", never: "text-slate-500" } as const;

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function ServerTable({ items, q, total }: { items: ServerSummary[]; q: string; total: number }) {
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-600">
        No server matches “{q}”. Try another part of the name or host name.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Servers{q ? ` matching ${q}` : ""}, newest first ({total} in all)</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Name</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Host name</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Addresses</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">System</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Verified</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Updated (UTC)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((s) => (
            <tr key={s.id} className="hover:bg-slate-50">
              <td className="px-4 py-2.5 font-medium">
                <Link href={`/servers/${s.id}`} className="rounded-sm text-brand-700 hover:underline">{s.name}</Link>
              </td>
              <td className="px-4 py-2.5 text-slate-700">{s.hostname || <span className="text-slate-500">—</span>}</td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-700">
                {[s.ipv4, s.ipv6].filter(Boolean).join(", ") || <span className="font-sans text-slate-500">—</span>}
              </td>
              <td className="px-4 py-2.5 text-slate-700">
                {osLabel(s.os)} · {panelLabel(s.panel)}
              </td>
              <td className={`px-4 py-2.5 whitespace-nowrap ${STATE_CLASS[verificationState(s)]}`}>{VERIFICATION_LABELS[verificationState(s)]}</td>
              <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">{dateFormat.format(s.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
