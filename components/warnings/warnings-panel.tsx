"use client";

import clsx from "clsx";
import { CircleCheck } from "lucide-react";
import type { ReactNode } from "react";
import type { Warning } from "@/lib/firewall/warnings/types";
import { SEVERITIES, type Severity } from "@/lib/firewall/warnings/types";
import { countBySeverity, SEVERITY_STYLE } from "./severity";
import type { ConcernTarget } from "./targets";
import { WarningItem } from "./warning-item";

type Props = {
  warnings: readonly Warning[];
  targetsOf: (warning: Warning) => ConcernTarget[];
  hrefFor: (anchor: string) => string;
  onLocate?: (anchor: string) => void;
  footer?: ReactNode;
};

/** The live findings beside the matrix: counts by severity, then every finding, most severe first. */
export function WarningsPanel({ warnings, targetsOf, hrefFor, onLocate, footer }: Props) {
  const counts = countBySeverity(warnings);
  const countText = (s: Severity) => `${counts[s]} ${(counts[s] === 1 ? SEVERITY_STYLE[s].label : SEVERITY_STYLE[s].plural).toLowerCase()}`;
  const summary = SEVERITIES.map(countText).join(", ");
  return (
    <section aria-labelledby="warnings-heading" className="flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="warnings-heading" className="text-base font-semibold text-slate-900">Warnings</h2>
        <p className="sr-only" aria-live="polite" aria-atomic="true">{summary}</p>
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Warning counts">
          {SEVERITIES.map((s) => (
            <li key={s} className={clsx("rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1", counts[s] > 0 ? SEVERITY_STYLE[s].chip : "bg-slate-50 text-slate-500 ring-slate-200")}>
              {countText(s)}
            </li>
          ))}
        </ul>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-3">
        {warnings.length === 0 ? (
          <p className="flex items-center gap-2 px-1 py-4 text-sm text-emerald-800">
            <CircleCheck className="size-4" aria-hidden="true" /> No findings: this profile looks sound.
          </p>
        ) : (
          <ul className="space-y-2" aria-label="Findings">
            {warnings.map((w) => (
              <WarningItem key={w.id} warning={w} targets={targetsOf(w)} hrefFor={hrefFor} onLocate={onLocate} />
            ))}
          </ul>
        )}
      </div>
      {footer ? <div className="border-t border-slate-200 px-4 py-3">{footer}</div> : null}
    </section>
  );
}
