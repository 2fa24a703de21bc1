"use client";

import clsx from "clsx";
import { Search } from "lucide-react";
import { useMemo, type Dispatch, type KeyboardEvent } from "react";
import { CATEGORIES, CATEGORY_LABELS, type CatalogService, type Category } from "@/lib/firewall/catalog/types";
import type { Severity } from "@/lib/firewall/warnings/types";
import type { ServiceDraft } from "@/lib/validations/matrix-draft";
import type { FieldErrors } from "@/lib/action-result";
import { CategoryHeader } from "./category-header";
import type { DraftAction } from "./draft-reducer";
import { smallInputClass } from "./field-error";
import { CARDS, STICKY_HEADING } from "./matrix-cards";
import { ServiceRow, TICK_COLUMNS } from "./service-row";
import type { ListInfo } from "./source-presets";

export type ServiceView = { service: CatalogService; name: string; portText: string; twin?: string; haystack: string };

type Props = {
  views: readonly ServiceView[];
  services: Record<string, ServiceDraft>;
  errors: FieldErrors;
  severities: ReadonlyMap<string, Severity>;
  listInfo: ListInfo;
  query: string;
  onQuery: (query: string) => void;
  isReadOnly: boolean;
  /** The user's role may change the profile (isReadOnly is also true until the page is live). */
  canEdit: boolean;
  dispatch: Dispatch<DraftAction>;
  /** For a server that follows a template: the services it overrides (the others are inherited). */
  overridden?: ReadonlySet<string>;
  /** Gives a service back its template choice; absent while resets are off. */
  onResetService?: (id: string) => void;
};

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The tick boxes of one table row by column (a category heading has column 0 only). */
function rowBoxes(row: Element): Map<number, HTMLInputElement> {
  return new Map([...row.querySelectorAll<HTMLInputElement>("input[data-col]")].map((b) => [Number(b.dataset.col), b]));
}

/**
 * Arrow keys move between the tick boxes like a spreadsheet, from every box including the
 * categories' "all" boxes; up and down skip rows without that column. Tab still walks every control.
 */
function moveFocus(event: KeyboardEvent<HTMLTableElement>): void {
  const move = MOVES[event.key];
  const target = event.target as HTMLElement;
  if (!move || !(target instanceof HTMLInputElement) || target.dataset.col === undefined) return;
  const col = Number(target.dataset.col);
  const rows = [...event.currentTarget.querySelectorAll("tr")].filter((r) => r.querySelector("input[data-col]"));
  const here = rows.findIndex((r) => r.contains(target));
  let next: HTMLInputElement | undefined;
  if (move[1] !== 0) {
    const boxes = rowBoxes(rows[here]!);
    for (let c = col + move[1]; c >= 0 && c < TICK_COLUMNS.length && !next; c += move[1]) next = boxes.get(c);
  } else {
    for (let r = here + move[0]; r >= 0 && r < rows.length && !next; r += move[0]) next = rowBoxes(rows[r]!).get(col);
  }
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function ServiceMatrix({ views, services, errors, severities, listInfo, query, onQuery, isReadOnly, canEdit, dispatch, overridden, onResetService }: Props) {
  const needle = query.trim().toLowerCase();
  const groups = useMemo(() => {
    const byCategory = new Map<Category, ServiceView[]>();
    for (const view of views) {
      if (needle && !view.haystack.includes(needle)) continue;
      byCategory.set(view.service.category, [...(byCategory.get(view.service.category) ?? []), view]);
    }
    return CATEGORIES.flatMap((c) => (byCategory.has(c) ? [{ category: c, views: byCategory.get(c)! }] : []));
  }, [views, needle]);
  const shown = groups.reduce((n, g) => n + g.views.length, 0);

  return (
    <section aria-labelledby="matrix-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="matrix-heading" className="text-base font-semibold text-slate-900">Services</h2>
          <p className="text-xs text-slate-500">{canEdit ? "Arrow keys move between the boxes; Space ticks; Ctrl+S saves." : "Read only: what this profile allows, by service."}</p>
        </div>
        <div className="flex w-full items-center gap-3 sm:w-auto">
          <span className="shrink-0 text-xs text-slate-500" aria-live="polite">{needle ? `${shown} of ${views.length} services` : `${views.length} services`}</span>
          <div className="relative min-w-0 flex-1">
            <Search className="pointer-events-none absolute top-2 left-2 size-4 text-slate-400" aria-hidden="true" />
            <input type="search" aria-label="Filter services" placeholder="Filter by name or port" value={query}
              onChange={(e) => onQuery(e.target.value)} className={smallInputClass(false, "w-full py-1.5 pl-8 sm:w-56")} />
          </div>
        </div>
      </div>
      {groups.length === 0 ? (
        <div className="px-4 py-10 text-center text-sm text-slate-600">
          No service matches “{query.trim()}”.{" "}
          <button type="button" onClick={() => onQuery("")} className="font-medium text-brand-700 underline">Clear the filter</button>
        </div>
      ) : (
        // Narrow screens: the same table laid out as one card per service (matrix-cards.ts); from `md`
        // a table whose column headings stick under the save bar.
        <table className={CARDS.table} onKeyDown={moveFocus}>
          <caption className="sr-only">Port matrix: one row per service, grouped by category</caption>
          <colgroup className="hidden md:table-column-group">
            <col />
            {TICK_COLUMNS.map((c) => <col key={c.key} className="w-12" />)}
            <col className="w-44" />
          </colgroup>
          <thead className={CARDS.head} data-testid="matrix-head">
            <tr>
              <th scope="col" className={clsx(STICKY_HEADING, "py-2 pl-4 text-left")}>Service</th>
              {TICK_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={clsx(STICKY_HEADING, "px-0 py-2 text-center")} title={c.label}>
                  <abbr title={c.label} className="no-underline">{c.heading}</abbr>
                </th>
              ))}
              <th scope="col" className={clsx(STICKY_HEADING, "py-2 pr-3 pl-2 text-left")}>Sources</th>
            </tr>
          </thead>
          {groups.map(({ category, views: rows }) => (
            <tbody key={category} className={CARDS.body}>
              <CategoryHeader label={CATEGORY_LABELS[category]} ids={rows.map((v) => v.service.id)} names={rows.map((v) => v.service.name)} services={services}
                isFiltered={needle !== ""} isReadOnly={isReadOnly} dispatch={dispatch} />
              {rows.map((v) => (
                <ServiceRow key={v.service.id} service={v.service} draft={services[v.service.id]!} name={v.name} portText={v.portText}
                  twin={v.twin} sourcesErrors={errors[`service:${v.service.id}:sources`]} rangeErrors={errors[`service:${v.service.id}:range`]}
                  severity={severities.get(v.service.id)} listInfo={listInfo} isReadOnly={isReadOnly} dispatch={dispatch}
                  template={overridden ? (overridden.has(v.service.id) ? "overridden" : "inherited") : undefined} onReset={onResetService} />
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
