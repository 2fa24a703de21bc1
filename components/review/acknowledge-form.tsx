"use client";

import { ShieldAlert } from "lucide-react";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  warnings: readonly { id: string; title: string }[];
  version: number;
};

/** One box per critical warning; downloads open once every one is ticked and recorded. */
export function AcknowledgeForm({ action, warnings, version }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const isHydrated = useHydrated();
  const isAll = warnings.every((w) => ticked.has(w.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };
  const errors = state && !state.ok ? [state.message, ...(state.fieldErrors.warningIds ?? [])] : [];

  return (
    <form action={formAction} className="rounded-lg border border-red-200 bg-red-50/60 p-4" aria-describedby="ack-error" data-ready={isHydrated || undefined}>
      <fieldset>
        <legend className="flex items-center gap-2 text-sm font-semibold text-red-900">
          <ShieldAlert className="size-5" aria-hidden="true" /> Acknowledge the critical warnings of revision {version}
        </legend>
        <p className="mt-1 text-sm text-red-900/80">
          These can lock you out or expose internal services. Downloads stay disabled until each one is acknowledged;
          your name and the time are recorded.
        </p>
        <ul className="mt-3 space-y-2">
          {warnings.map((w) => (
            <li key={w.id}>
              <label className="flex items-start gap-2 text-sm text-slate-900">
                <input type="checkbox" name="warningId" value={w.id} checked={ticked.has(w.id)}
                  onChange={(e) => toggle(w.id, e.target.checked)} className="mt-0.5 size-4 accent-red-700" />
                <span>I understand the risk: <span className="font-medium">{w.title}</span></span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div id="ack-error" aria-live="polite" className="mt-2 text-sm text-red-800">
        {errors.map((e) => <p key={e}>{e}</p>)}
      </div>
      <Button type="submit" variant="danger" className="mt-3" disabled={!isAll || isPending}>
        {isPending ? "Recording…" : "Acknowledge and enable downloads"}
      </Button>
    </form>
  );
}
