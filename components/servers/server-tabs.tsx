import clsx from "clsx";
import Link from "next/link";

const TABS = [
  { key: "details", label: "Details", path: "" },
  { key: "matrix", label: "Port matrix", path: "/matrix" },
  { key: "review", label: "Review & download", path: "/review" },
  { key: "revisions", label: "Revisions", path: "/revisions" },
  { key: "audit", label: "Audit", path: "/audit" },
] as const;

export type ServerTab = (typeof TABS)[number]["key"];

/** The sections of one server: details, port matrix, review with downloads, revisions, audit trail. */
export function ServerTabs({ id, current }: { id: string; current: ServerTab }) {
  return (
    <nav aria-label="Server sections" className="mb-5 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link href={`/servers/${id}${tab.path}`} aria-current={tab.key === current ? "page" : undefined}
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
