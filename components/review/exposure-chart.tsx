import clsx from "clsx";
import type { ExposureItem, ExposureSummary } from "@/lib/firewall/exposure";

type Segment = { key: string; label: string; items: readonly ExposureItem[]; bar: string; dot: string };

function itemText(item: ExposureItem): string {
  return `${item.label} ${item.ports}/${item.protocols.join("+")}`;
}

/** One horizontal stacked bar with a legend that lists what each segment holds. */
function StackedBar({ title, segments, empty }: { title: string; segments: Segment[]; empty: string }) {
  const total = segments.reduce((n, s) => n + s.items.length, 0);
  const description = segments.map((s) => `${s.items.length} ${s.label.toLowerCase()}`).join(", ");
  return (
    <figure className="space-y-2">
      <figcaption className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold text-slate-900">{title}</span>
        <span className="text-xs text-slate-500">{total} in total</span>
      </figcaption>
      {total === 0 ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-500">{empty}</p>
      ) : (
        <div role="img" aria-label={`${title}: ${description}`} className="flex h-7 overflow-hidden rounded-md bg-slate-100 ring-1 ring-slate-200">
          {segments.filter((s) => s.items.length > 0).map((s) => (
            <div key={s.key} className={clsx("flex items-center justify-center text-xs font-semibold text-white", s.bar)}
              style={{ width: `${(s.items.length / total) * 100}%` }} title={`${s.label}: ${s.items.length}`}>
              {s.items.length}
            </div>
          ))}
        </div>
      )}
      <dl className="space-y-2">
        {segments.map((s) => (
          <div key={s.key} className="grid grid-cols-[10rem_minmax(0,1fr)] items-start gap-2">
            <dt className="flex items-center gap-1.5 pt-0.5 text-xs font-medium text-slate-700">
              <span className={clsx("size-2.5 shrink-0 rounded-sm", s.dot)} aria-hidden="true" /> {s.label} ({s.items.length})
            </dt>
            <dd className="flex flex-wrap gap-1">
              {s.items.length === 0 ? <span className="text-xs text-slate-500">None</span> : s.items.map((item) => (
                <span key={item.key} title={itemText(item)} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                  {item.label} <span className="font-mono text-slate-600">{item.ports}</span>
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}

/** The review page's picture of what the profile exposes (see lib/firewall/exposure.ts). */
export function ExposureChart({ summary }: { summary: ExposureSummary }) {
  const { inbound, encryption, outbound, blocked } = summary;
  return (
    <div className="space-y-6">
      <StackedBar title="Inbound ports by who can reach them" empty="Nothing is reachable: every inbound port is closed."
        segments={[
          { key: "world", label: "Open to the world", items: inbound.world, bar: "bg-red-700", dot: "bg-red-700" },
          { key: "restricted", label: "Restricted sources", items: inbound.restricted, bar: "bg-amber-700", dot: "bg-amber-700" },
          { key: "local", label: "Localhost only", items: inbound.localhostOnly, bar: "bg-emerald-700", dot: "bg-emerald-700" },
        ]} />
      <StackedBar title="Reachable services by encryption" empty="No service is reachable from outside."
        segments={[
          { key: "plaintext", label: "Plaintext", items: encryption.plaintext, bar: "bg-red-700", dot: "bg-red-700" },
          { key: "encrypted", label: "Encrypted (TLS, SSH)", items: encryption.encrypted, bar: "bg-emerald-700", dot: "bg-emerald-700" },
          { key: "unknown", label: "Not classified", items: encryption.unknown, bar: "bg-slate-600", dot: "bg-slate-600" },
        ]} />
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">Outbound</dt>
          <dd className="font-medium text-slate-900">
            {outbound.policy === "allow-all" ? "Everything allowed" : `Restricted to ${outbound.allowed.length} rules`}
          </dd>
        </div>
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">Blocked</dt>
          <dd className="font-medium text-slate-900">{blocked.v4.toLocaleString("en-US")} IPv4 · {blocked.v6.toLocaleString("en-US")} IPv6</dd>
        </div>
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">IPv6</dt>
          <dd className={clsx("font-medium", summary.ipv6 ? "text-slate-900" : "text-red-700")}>{summary.ipv6 ? "Filtered" : "Not filtered"}</dd>
        </div>
      </dl>
    </div>
  );
}
