import { Search } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { BACKENDS } from "@/lib/firewall/policy/schema";
import type { TemplateChoice } from "@/lib/data/template-choices";
import { OS_OPTIONS, PANEL_OPTIONS } from "@/lib/validations/server-profile";
import { listSearchParams, type ServerListParams } from "@/lib/validations/server-list";
import { VERIFICATION_LABELS } from "@/lib/verification-state";

const selectClass = inputClass(false, "w-auto min-w-32");

type Option = { value: string; label: string };

function Select({ id, label, value, options }: { id: keyof ServerListParams; label: string; value: string | undefined; options: Option[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`filter-${id}`} className="block text-xs font-medium text-slate-700">{label}</label>
      <select id={`filter-${id}`} name={id} defaultValue={value ?? ""} className={selectClass}>
        <option value="">Any</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

const FILTER_KEYS = ["backend", "os", "panel", "template", "tag", "critical", "verification", "applied"] as const;

/** The rest of the list's state as hidden fields, so each form keeps what the other one set. */
function Hidden({ query, keep }: { query: ServerListParams; keep: (key: string) => boolean }) {
  return [...listSearchParams(query)].filter(([key]) => keep(key)).map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />);
}

const HINT = `Name, host name, an address (192.0.2.7, 2001:db8::1), a network (192.0.2.0/24), or exposure: "3306 open to anyone", "port 2087", "mysql open".`;

/**
 * Plain GET forms: search and filters live in the URL and work without JavaScript. The search
 * and the filters are two forms, so a search alone gives a short URL (`?q=…`); each carries the
 * other's values and the sort (changed by the column headers) in hidden fields.
 */
export function SearchForm({ query, tags, templates, error }: { query: ServerListParams; tags: string[]; templates: TemplateChoice[]; error?: string }) {
  const filtered = ["q", ...FILTER_KEYS].some((k) => query[k as keyof ServerListParams]);
  return (
    <div className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <form role="search" action="/servers" method="get" className="space-y-1">
        <label htmlFor="q" className="block text-sm font-medium text-slate-800">Search servers</label>
        <div className="flex flex-wrap items-center gap-2">
          <div className="relative w-full max-w-xl">
            <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden="true" />
            <input id="q" name="q" type="search" defaultValue={query.q} placeholder="web1, 203.0.113.45, 10.0.0.0/8, 3306 open to anyone"
              aria-invalid={!!error} aria-describedby="q-hint q-error" className={inputClass(!!error, "pl-8")} />
          </div>
          <Hidden query={query} keep={(key) => key !== "q"} />
          <button type="submit" className={buttonClass("secondary")}>Search</button>
          {filtered ? <Link href="/servers" className={buttonClass("ghost")}>Clear</Link> : null}
        </div>
        <p id="q-hint" className="text-xs text-slate-500">{HINT}</p>
        <div id="q-error" aria-live="polite" aria-atomic="true">
          {error ? <p className="text-sm text-red-700">{error}</p> : null}
        </div>
      </form>
      <form action="/servers" method="get" aria-label="Filters" className="flex flex-wrap items-end gap-3">
        <Select id="backend" label="Backend" value={query.backend} options={BACKENDS.map((b) => ({ value: b, label: backendLabel(b) }))} />
        <Select id="os" label="OS" value={query.os} options={OS_OPTIONS} />
        <Select id="panel" label="Panel" value={query.panel} options={PANEL_OPTIONS} />
        <Select id="template" label="Template" value={query.template}
          options={[...templates.map((t) => ({ value: t.id, label: t.name })), { value: "none", label: "No template" }]} />
        <div className="space-y-1">
          <label htmlFor="filter-tag" className="block text-xs font-medium text-slate-700">Tag</label>
          <input id="filter-tag" name="tag" list="known-tags" defaultValue={query.tag ?? ""} className={inputClass(false, "w-40")} />
        </div>
        {/* Outside the field's box: as its last child, the hidden list took the input's place in
            space-y's spacing and lifted the input above the selects' line. */}
        <datalist id="known-tags">{tags.map((t) => <option key={t} value={t} />)}</datalist>
        <Select id="critical" label="Critical warnings" value={query.critical} options={[{ value: "open", label: "Open" }, { value: "none", label: "None open" }]} />
        <Select id="verification" label="Verification" value={query.verification}
          options={(["in-sync", "drift", "stale", "never"] as const).map((v) => ({ value: v, label: VERIFICATION_LABELS[v] }))} />
        <Select id="applied" label="Applied revision" value={query.applied}
          options={[{ value: "current", label: "The current one" }, { value: "behind", label: "An older one" }, { value: "unknown", label: "Not known" }]} />
        <Hidden query={query} keep={(key) => !(FILTER_KEYS as readonly string[]).includes(key)} />
        <button type="submit" className={buttonClass("secondary")}>Apply filters</button>
      </form>
    </div>
  );
}
