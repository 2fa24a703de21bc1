import clsx from "clsx";
import Link from "next/link";

type Props = { page: number; pageCount: number; hrefFor: (page: number) => string; label?: string };

export function Pagination({ page, pageCount, hrefFor, label = "Pages" }: Props) {
  if (pageCount <= 1) return null;
  const link = (target: number, text: string, isDisabled: boolean) =>
    isDisabled ? (
      <span className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-500" aria-disabled="true">
        {text}
      </span>
    ) : (
      <Link href={hrefFor(target)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        {text}
      </Link>
    );
  return (
    <nav aria-label={label} className={clsx("mt-4 flex items-center justify-between gap-4")}>
      {link(page - 1, "Previous", page <= 1)}
      <span className="text-sm text-slate-600">
        Page {page} of {pageCount}
      </span>
      {link(page + 1, "Next", page >= pageCount)}
    </nav>
  );
}
