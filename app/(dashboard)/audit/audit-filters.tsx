import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { AuditQuery } from "@/lib/validations/audit";
import { AUDIT_ACTION_LABELS } from "@/lib/validations/audit-actions";

type Option = { id: string; name: string };
const field = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked or shared. */
export function AuditFilters({ query, servers, users }: { query: AuditQuery; servers: Option[]; users: Option[] }) {
  const select = (id: string, label: string, value: string | undefined, options: [string, string][]) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">{label}</label>
      <select id={id} name={id} defaultValue={value ?? ""} className={field}>
        <option value="">All</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {select("server", "Server", query.server, servers.map((s) => [s.id, s.name]))}
      {select("user", "User", query.user, users.map((u) => [u.id, u.name]))}
      {select("action", "Action", query.action, Object.entries(AUDIT_ACTION_LABELS))}
      <div className="flex flex-col gap-1">
        <label htmlFor="from" className="text-xs font-medium text-slate-600">From</label>
        <input id="from" name="from" type="date" defaultValue={query.from} className={field} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="to" className="text-xs font-medium text-slate-600">To</label>
        <input id="to" name="to" type="date" defaultValue={query.to} className={field} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>Filter</button>
        <Link href="/audit" className={buttonClass("secondary")}>Clear</Link>
      </div>
    </form>
  );
}
