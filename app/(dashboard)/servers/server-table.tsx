import Link from "next/link";
import type { ServerSummary } from "@/lib/data/server-profiles";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { BACKENDS, type Backend } from "@/lib/firewall/policy/schema";
import { osLabel, panelLabel } from "@/lib/firewall/policy/os";
import { DEFAULT_DIRECTION, listSearchParams, type ServerListParams, type SortKey } from "@/lib/validations/server-list";
import { VERIFICATION_LABELS, verificationState } from "@/lib/verification-state";
import { SELECTION_FORM, SelectAll } from "./bulk-bar";

const STATE_CLASS = { "in-sync": "text-emerald-700", drift: "font-medium text-red-700", stale: "text-amber-700", never: "text-slate-500" } as const;

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const APPLIED_LEGEND =
  "The revision the server's live rules matched at its last verification (the verified revision when in sync, else the older one they matched). Portcullis learns of an apply from a verification: upload the live file that verify.sh or an Ansible run fetched.";

const COLUMNS: { key: SortKey; label: string; title?: string }[] = [
  { key: "name", label: "Name" },
  { key: "address", label: "Addresses" },
  { key: "backend", label: "Backend" },
  { key: "os", label: "System" },
  { key: "template", label: "Template" },
  { key: "tags", label: "Tags" },
  { key: "critical", label: "Critical", title: "Critical warnings of the current revision that nobody has acknowledged" },
  { key: "verification", label: "Verified" },
  { key: "applied", label: "Applied", title: APPLIED_LEGEND },
  { key: "updated", label: "Updated (UTC)" },
];

const isBackend = (value: string): value is Backend => (BACKENDS as readonly string[]).includes(value);
const none = <span className="text-slate-500">—</span>;

function SortHeader({ column, query }: { column: (typeof COLUMNS)[number]; query: ServerListParams }) {
  const active = query.sort === column.key;
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[column.key];
  const href = `/servers?${listSearchParams({ ...query, sort: column.key, dir })}`;
  const arrow = active ? (query.dir === "asc" ? " ↑" : " ↓") : "";
  return (
    <th scope="col" className="px-3 py-2.5 font-semibold" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined} title={column.title}>
      <Link href={href} className="rounded-sm hover:underline">
        {column.label}
        <span aria-hidden="true">{arrow}</span>
        <span className="sr-only">{active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}; sort the other way` : ", sort by this column"}</span>
      </Link>
    </th>
  );
}

function Applied({ s }: { s: ServerSummary }) {
  if (s.appliedVersion === null) return none;
  const behind = s.appliedVersion < s.version;
  return <span className={behind ? "text-amber-700" : "text-slate-700"}>r{s.appliedVersion}{behind ? ` (current r${s.version})` : ""}</span>;
}

export function ServerTable({ items, query, total }: { items: ServerSummary[]; query: ServerListParams; total: number }) {
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-600">
        No server matches{query.q ? ` “${query.q}”` : " these filters"}. Try another search or clear the filters.
      </p>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Servers{query.q ? ` matching ${query.q}` : ""} ({total} in all)</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="w-10 px-3 py-2.5"><SelectAll label="Select every server on this page" /></th>
            {COLUMNS.map((c) => <SortHeader key={c.key} column={c} query={query} />)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((s) => {
            const state = verificationState(s);
            return (
              <tr key={s.id} className="hover:bg-slate-50">
                <td className="px-3 py-2.5">
                  <input type="checkbox" name="id" value={s.id} form={SELECTION_FORM} aria-label={`Select ${s.name}`} className="size-4" />
                </td>
                <td className="px-3 py-2.5">
                  {/* Names and host names break at hyphens otherwise ("flow-" / "cp1.example.net"); the table scrolls instead. */}
                  <Link href={`/servers/${s.id}`} className="rounded-sm font-medium whitespace-nowrap text-brand-700 hover:underline">{s.name}</Link>
                  {s.hostname ? <div className="text-xs whitespace-nowrap text-slate-600">{s.hostname}</div> : null}
                </td>
                <td className="px-3 py-2.5 font-mono text-xs whitespace-nowrap text-slate-700">
                  {s.ipv4 || s.ipv6 ? [s.ipv4, s.ipv6].filter(Boolean).map((a) => <div key={a}>{a}</div>) : <span className="font-sans text-slate-500">—</span>}
                </td>
                <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{isBackend(s.backend) ? backendLabel(s.backend) : none}</td>
                <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
                  {osLabel(s.os)}
                  <div className="text-xs text-slate-600">{panelLabel(s.panel)}</div>
                </td>
                <td className="px-3 py-2.5">
                  {s.template ? <Link href={`/templates/${s.template.id}`} className="rounded-sm text-brand-700 hover:underline">{s.template.name}</Link> : none}
                </td>
                <td className="px-3 py-2.5">
                  {s.tags.length === 0 ? none : (
                    <ul className="flex flex-wrap gap-1" aria-label="Tags">
                      {s.tags.map((t) => <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700">{t}</li>)}
                    </ul>
                  )}
                </td>
                <td className="px-3 py-2.5 whitespace-nowrap">
                  {s.criticalOpen > 0 ? <span className="font-medium text-red-700">{s.criticalOpen} open</span>
                    : s.criticalWarnings > 0 ? <span className="text-slate-600">{s.criticalWarnings} acknowledged</span> : none}
                </td>
                <td className={`px-3 py-2.5 whitespace-nowrap ${STATE_CLASS[state]}`}>{VERIFICATION_LABELS[state]}</td>
                <td className="px-3 py-2.5 whitespace-nowrap"><Applied s={s} /></td>
                <td className="px-3 py-2.5 whitespace-nowrap text-slate-600">{dateFormat.format(s.updatedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        <span className="font-medium">Applied:</span> {APPLIED_LEGEND}
      </p>
    </div>
  );
}
