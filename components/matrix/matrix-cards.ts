/**
 * One markup, two layouts: below Tailwind's `md` the matrix's table shows one card per service
 * (heading, the six ticks labelled in view, then the sources), from `md` up the usual table. The
 * controls, their ids and their accessible names are the same in both, so the form, the arrow
 * keys and the tests do not care which one is on screen.
 */
export const CARDS = {
  table: "block w-full text-sm md:table md:table-fixed",
  head: "hidden bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase md:table-header-group",
  body: "block pb-1 md:table-row-group md:pb-0",
  category: "mt-2 flex items-center justify-between gap-3 border-y border-slate-200 bg-slate-100/70 md:mt-0 md:table-row md:border-b-0",
  categoryHeading: "block py-1.5 pl-4 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase md:table-cell",
  categoryBox: "flex items-center gap-2 py-1.5 pr-4 text-xs text-slate-700 md:table-cell md:px-1 md:text-center",
  categoryFill: "hidden md:table-cell",
  row: "mx-3 mt-2 flex flex-wrap rounded-md border border-slate-200 pb-2 md:mx-0 md:mt-0 md:table-row md:rounded-none md:border-x-0 md:border-t md:border-b-0 md:border-slate-100 md:pb-0",
  /** A row whose address list (the next row) continues the card. */
  rowOpen: "rounded-b-none border-b-0 pb-0",
  rowHeading: "block w-full rounded-tl-md md:table-cell md:w-auto md:rounded-none",
  tick: "flex w-1/3 items-center px-3 py-1.5 md:table-cell md:w-auto md:px-0 md:py-2 md:text-center md:align-top",
  sources: "block w-full px-3 pt-1.5 md:table-cell md:w-auto md:pt-2 md:pr-3 md:pb-2 md:pl-2 md:align-top",
  listRow: "mx-3 block rounded-b-md border border-t-0 border-slate-200 bg-slate-50/60 md:mx-0 md:table-row md:rounded-none md:border-0",
  listCell: "block px-3 pt-2 pb-3 md:table-cell md:px-4 md:pt-0",
  /** Words shown beside a control on cards only (the table has column headings instead). */
  cardOnly: "md:hidden",
} as const;

/** Column headings stay in view under the sticky save bar (its height is measured into the variable). */
export const STICKY_HEADING = "bg-slate-50 shadow-[inset_0_-1px_0_var(--color-slate-200)] md:sticky md:top-[var(--save-bar-height,0px)] md:z-10";
