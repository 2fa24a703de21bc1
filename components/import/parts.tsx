import type { ReactNode } from "react";

/** A titled box of the review. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

/** A table that scrolls sideways on a phone; the scrolling region is focusable for keyboard users. */
export function ScrollTable({ caption, head, children }: { caption: string; head: readonly string[]; children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-sm">
        <caption className="mb-1 text-left text-sm font-medium text-slate-800">{caption}</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            {head.map((h) => <th key={h} scope="col" className="py-1 pr-3 font-medium">{h}</th>)}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
