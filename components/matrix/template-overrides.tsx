"use client";

import { RotateCcw } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { Policy } from "@/lib/firewall/policy/schema";
import type { TemplateOverride } from "@/lib/firewall/policy/template";
import { SectionCard } from "./section-card";

/** What the matrix knows of the template a server follows. */
export type FollowingView = { templateId: string; templateName: string; templateVersion: number; latestVersion: number; base: Policy };

type Props = {
  following: FollowingView;
  overrides: readonly TemplateOverride[];
  /** Why the reset buttons are off (read only, or fields with errors), or null. */
  lockedReason: string | null;
  onReset: (key: string) => void;
  onResetAll: () => void;
};

/**
 * The template a server follows and every part this server overrides, each with a reset. What is
 * not listed here comes from the template; overridden services are also marked in their rows.
 */
export function TemplateOverrides({ following, overrides, lockedReason, onReset, onResetAll }: Props) {
  const { templateId, templateName, templateVersion, latestVersion } = following;
  const isLocked = lockedReason !== null;
  return (
    <SectionCard id="template" title={`Template: ${templateName}`}
      description={
        <>
          This server follows <Link href={`/templates/${templateId}`} className="font-medium text-brand-700 underline">{templateName}</Link> at
          revision {templateVersion}{latestVersion > templateVersion ? ` (revision ${latestVersion} waits for review on the template's page)` : " (its latest)"}.
          Everything not listed below comes from the template.
        </>
      }
      actions={overrides.length > 0 ? (
        <button type="button" onClick={onResetAll} disabled={isLocked} title={lockedReason ?? undefined} className={buttonClass("secondary", "py-1.5")}>
          <RotateCcw className="size-4" aria-hidden="true" /> Reset all to the template
        </button>
      ) : undefined}>
      {overrides.length === 0 ? (
        <p className="py-1 text-sm text-slate-600">No overrides: this server runs its template exactly.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{overrides.length} override{overrides.length === 1 ? "" : "s"}: a later change of the template leaves {overrides.length === 1 ? "it" : "them"} as set here.</p>
          <ul className="mt-2 divide-y divide-slate-100" aria-label="Overrides of the template">
            {overrides.map((o) => (
              <li key={o.key} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <span className="min-w-0 text-sm">
                  <span className="font-medium text-slate-900">{o.label}</span> <span className="text-slate-600">{o.detail}</span>
                </span>
                <button type="button" onClick={() => onReset(o.key)} disabled={isLocked} title={lockedReason ?? undefined}
                  aria-label={`Reset ${o.label} to the template`} className={buttonClass("ghost", "px-2 py-1 text-xs")}>
                  <RotateCcw className="size-3.5" aria-hidden="true" /> Reset
                </button>
              </li>
            ))}
          </ul>
          {lockedReason ? <p className="mt-1 text-xs text-slate-600">{lockedReason}</p> : null}
        </>
      )}
    </SectionCard>
  );
}
