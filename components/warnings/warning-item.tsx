"use client";

import clsx from "clsx";
import { ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import type { Warning } from "@/lib/firewall/warnings/types";
import { SEVERITY_STYLE } from "./severity";
import type { ConcernTarget } from "./targets";

type Props = {
  warning: Warning;
  targets: readonly ConcernTarget[];
  /** Where a concern link goes: `#svc-ssh` on the matrix page, the matrix page's URL elsewhere. */
  hrefFor: (anchor: string) => string;
  /** On the matrix page: bring the row into view (clearing a filter that hides it). */
  onLocate?: (anchor: string) => void;
  isOpen?: boolean;
};

/** One finding: its title, and on demand its explanation, remedy and the rows it is about. */
export function WarningItem({ warning, targets, hrefFor, onLocate, isOpen = false }: Props) {
  const [open, setOpen] = useState(isOpen);
  const detailsId = useId();
  const style = SEVERITY_STYLE[warning.severity];
  return (
    <li className={clsx("rounded-md border", style.box)} data-warning-id={warning.id}>
      <button type="button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}
        className="flex w-full items-start gap-2 rounded-md px-3 py-2 text-left text-sm hover:bg-black/[0.03]">
        <style.Icon className={clsx("mt-0.5 size-4 shrink-0", style.icon)} aria-hidden="true" />
        <span className="min-w-0 flex-1">
          <span className="sr-only">{style.label}: </span>
          <span className="font-medium text-slate-900">{warning.title}</span>
        </span>
        <ChevronRight className={clsx("mt-0.5 size-4 shrink-0 text-slate-400 transition-transform", open && "rotate-90")} aria-hidden="true" />
      </button>
      <div id={detailsId} hidden={!open} className="space-y-2 px-3 pb-3 pl-9 text-sm text-slate-700">
        <p>{warning.explanation}</p>
        <p><span className="font-semibold text-slate-900">What to do: </span>{warning.remediation}</p>
        {targets.length > 0 ? (
          <p className="flex flex-wrap items-center gap-1.5">
            <span className="text-xs text-slate-500">Concerns</span>
            {targets.map((t) => (
              <a key={t.anchor} href={hrefFor(t.anchor)}
                onClick={onLocate ? (e) => { e.preventDefault(); onLocate(t.anchor); } : undefined}
                className="rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-brand-700 hover:border-brand-600 hover:bg-brand-50">
                {t.label}
              </a>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}
