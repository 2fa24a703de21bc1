import { ChevronRight, Home } from "lucide-react";
import Link from "next/link";

export type Crumb = { label: string; href?: string };

/** The trail above each page's title; the last crumb is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4">
      <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600">
        <li>
          <Link href="/servers" className="flex items-center rounded-sm hover:text-brand-700" aria-label="Home">
            <Home className="size-4" aria-hidden="true" />
          </Link>
        </li>
        {items.map((item, i) => (
          <li key={`${item.label}-${i}`} className="flex items-center gap-1">
            <ChevronRight className="size-4 text-slate-400" aria-hidden="true" />
            {item.href && i < items.length - 1 ? (
              <Link href={item.href} className="rounded-sm hover:text-brand-700 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className="max-w-xs truncate font-medium text-slate-900">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
