"use client";

import { CircleCheck } from "lucide-react";
import { SEVERITY_STYLE } from "@/components/warnings/severity";
import type { ConcernTarget } from "@/components/warnings/targets";
import { WarningItem } from "@/components/warnings/warning-item";
import { SEVERITIES, type Warning } from "@/lib/firewall/warnings/types";

type Props = { warnings: readonly Warning[]; targets: Record<string, ConcernTarget[]>; matrixHref: string };

/** The review page's findings, one group per severity; links lead to the rows on the matrix page. */
export function WarningGroups({ warnings, targets, matrixHref }: Props) {
  if (warnings.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-emerald-800">
        <CircleCheck className="size-4" aria-hidden="true" /> No findings for this profile.
      </p>
    );
  }
  return (
    <div className="space-y-5">
      {SEVERITIES.map((severity) => {
        const group = warnings.filter((w) => w.severity === severity);
        if (group.length === 0) return null;
        const style = SEVERITY_STYLE[severity];
        return (
          <section key={severity} aria-labelledby={`group-${severity}`}>
            <h3 id={`group-${severity}`} className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
              <style.Icon className={`size-4 ${style.icon}`} aria-hidden="true" /> {style.plural} ({group.length})
            </h3>
            <ul className="space-y-2">
              {group.map((w) => (
                <WarningItem key={w.id} warning={w} targets={targets[w.id] ?? []} hrefFor={(a) => `${matrixHref}#${a}`} isOpen={severity === "critical"} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
