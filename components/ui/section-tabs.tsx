import clsx from "clsx";
import Link from "next/link";

export type SectionTab = { key: string; label: string; path: string };

/** The sections of one thing (a server, a template) as tabs; `base` + each tab's path is its link. */
export function SectionTabs({ base, tabs, current, label }: { base: string; tabs: readonly SectionTab[]; current: string; label: string }) {
  return (
    <nav aria-label={label} className="mb-5 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link href={`${base}${tab.path}`} aria-current={tab.key === current ? "page" : undefined}
              className={clsx(
                "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap sm:px-4",
                tab.key === current ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
