"use client";

import { useState, useTransition } from "react";
import { RevisionDiff } from "@/components/servers/revision-diff";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import type { UpdatePreview } from "@/lib/data/template-followers";

type Props = {
  preview: UpdatePreview;
  canEdit: boolean;
  apply: (input: unknown) => Promise<ActionResult>;
};

/**
 * Each follower that is behind: what the new template revision would change on it, the warnings it
 * adds and the overrides it keeps. The admin picks which servers take it (all, or some); a server
 * with new critical warnings needs them acknowledged here, as on its own review page.
 */
export function UpdateReview({ preview, canEdit, apply }: Props) {
  const pending = preview.items.filter((i) => !i.upToDate);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(pending.filter((i) => !i.error).map((i) => i.id)));
  const [acked, setAcked] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const [isApplying, startApply] = useTransition();
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const selected = pending.filter((i) => chosen.has(i.id) && !i.error);
  const missingAck = selected.filter((i) => i.newCritical.length > 0 && !acked.has(i.id));

  function submit() {
    setError(null);
    startApply(async () => {
      const result = await apply({
        templateVersion: preview.templateVersion,
        servers: selected.map((i) => ({ id: i.id, version: i.version })),
        acknowledged: selected.filter((i) => acked.has(i.id)).map((i) => i.id),
      });
      if (result && !result.ok) setError(result.message);
    });
  }

  if (pending.length === 0) {
    return <Notice tone="success">Every follower runs revision {preview.templateVersion} of {preview.templateName}: nothing to review.</Notice>;
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {pending.length} follower{pending.length === 1 ? " is" : "s are"} behind revision {preview.templateVersion};
        {" "}{preview.items.length - pending.length} already run{preview.items.length - pending.length === 1 ? "s" : ""} it.
        Each server keeps its overrides; where the template changed an overridden field too, the override stays and is listed.
      </p>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setChosen(new Set(pending.filter((i) => !i.error).map((i) => i.id)))}>Select all</Button>
          <Button variant="secondary" onClick={() => setChosen(new Set())}>Select none</Button>
        </div>
      ) : null}
      <ul className="space-y-3" aria-label="Changes per follower">
        {pending.map((item) => (
          <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              {canEdit && !item.error ? (
                <label className="flex items-center gap-2 font-medium text-slate-900">
                  <input type="checkbox" className="size-4" checked={chosen.has(item.id)} onChange={(e) => setChosen((s) => toggle(s, item.id, e.target.checked))} />
                  Apply to {item.name}
                </label>
              ) : <span className="font-medium text-slate-900">{item.name}</span>}
              <span className="text-sm text-slate-600">template r{item.fromVersion} → r{preview.templateVersion}; server revision {item.version} → {item.changeCount > 0 ? item.version + 1 : `${item.version} (rules unchanged)`}</span>
            </div>
            {item.error ? <div className="mt-2"><Notice tone="error">{item.error}</Notice></div> : null}
            {item.changeCount > 0 ? <RevisionDiff entries={item.changes} from={item.version} to={item.version + 1} label={`Changes to ${item.name}`} /> : null}
            {item.changeCount > item.changes.length ? <p className="mt-1 text-sm text-slate-600">and {item.changeCount - item.changes.length} more changes.</p> : null}
            {item.kept.length > 0 ? (
              <div className="mt-3 text-sm">
                <p className="font-medium text-slate-800">Overrides kept ({item.kept.length})</p>
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
                  {item.kept.map((k) => <li key={k.path.join("/")}>{k.title}: stays {k.server} (the template now says {k.template})</li>)}
                </ul>
              </div>
            ) : null}
            {item.newCritical.length > 0 ? (
              <div className="mt-3 space-y-2">
                <Notice tone="error">New critical warnings: {item.newCritical.map((w) => w.title).join("; ")}</Notice>
                {canEdit ? (
                  <label className="flex items-start gap-2 text-sm text-slate-800">
                    <input type="checkbox" className="mt-0.5 size-4" checked={acked.has(item.id)} onChange={(e) => setAcked((s) => toggle(s, item.id, e.target.checked))} />
                    I accept the critical warnings of {item.name}&apos;s new revision
                  </label>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3">
          <Button onClick={submit} disabled={isApplying || selected.length === 0 || missingAck.length > 0}>
            {isApplying ? "Applying…" : `Apply revision ${preview.templateVersion} to ${selected.length} server${selected.length === 1 ? "" : "s"}`}
          </Button>
          {missingAck.length > 0 ? <p className="text-sm text-red-700">Acknowledge the critical warnings of {missingAck.map((i) => i.name).join(", ")}, or leave {missingAck.length === 1 ? "it" : "them"} out.</p> : null}
          {error ? <div className="basis-full"><Notice tone="error">{error}</Notice></div> : null}
        </div>
      ) : <Notice>Applying a template change needs the editor role.</Notice>}
    </div>
  );
}
