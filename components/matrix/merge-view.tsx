"use client";

import clsx from "clsx";
import { GitMerge } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { MergeSide } from "@/lib/firewall/policy/merge";
import type { Policy } from "@/lib/firewall/policy/schema";
import type { MergeState, MergeView as View } from "./use-merge";

type Actions = {
  choose: (key: string, side: MergeSide) => void;
  chooseAll: (keys: readonly string[], side: MergeSide) => void;
  save: (policy: Policy) => void;
  loadTheirs: () => void;
  back: () => void;
};

type Props = { merge: MergeState; view: View; actions: Actions; isSaving: boolean; exportText: () => string };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** One clashing field: yours and theirs side by side, as two radio buttons of one group. */
function ConflictChoice({ conflict, n, onChoose }: { conflict: View["conflicts"][number]; n: number; onChoose: (side: MergeSide) => void }) {
  const option = (side: MergeSide, who: string, value: string) => (
    <label className={clsx("flex cursor-pointer items-start gap-2 rounded-md border p-2.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600",
      conflict.chosen === side ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white hover:bg-slate-50")}>
      <input type="radio" name={`merge-${n}`} value={side} checked={conflict.chosen === side} onChange={() => onChoose(side)} className="mt-0.5 size-4 accent-brand-600" />
      <span><span className="font-semibold text-slate-900">{who}:</span> <span className="text-slate-800">{value}</span></span>
    </label>
  );
  return (
    <li>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-900">{conflict.title}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {option("mine", "Yours", conflict.mine)}
          {option("theirs", "Theirs", conflict.theirs)}
        </div>
      </fieldset>
    </li>
  );
}

/**
 * Someone else saved while you were editing and some fields clash: everything else is combined
 * already; here each clashing field is chosen (yours or theirs), then the merge is saved on top of theirs.
 */
export function MergeView({ merge, view, actions, isSaving, exportText }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [merge.latest.version]);
  const keys = view.conflicts.map((c) => c.key);
  const open = view.conflicts.filter((c) => !c.chosen).length;
  const count = view.conflicts.length;
  return (
    <section id="merge-view" aria-labelledby="merge-heading" className="rounded-lg border border-amber-300 bg-white shadow-sm" data-testid="merge-view">
      <div className="border-b border-amber-200 bg-amber-50 px-4 py-3">
        <h2 id="merge-heading" ref={heading} tabIndex={-1} className="flex items-center gap-2 text-base font-semibold text-slate-900 outline-none">
          <GitMerge className="size-5 text-amber-800" aria-hidden="true" /> Merge your changes with revision {merge.latest.version}
        </h2>
        <p className="mt-1 text-sm text-slate-800">
          Someone else saved revision {merge.latest.version} at {timeFormat.format(new Date(merge.latest.savedAt))} UTC while you were editing.
          Changes to different fields are combined already; {count === 1 ? "one field was" : `${count} fields were`} changed differently on both sides.
          Choose yours or theirs for each, then save the result as a new revision on top of theirs.
        </p>
      </div>
      <div className="space-y-4 px-4 py-3">
        {merge.theirChanges.length > 0 ? (
          <details className="text-sm text-slate-800">
            <summary className="cursor-pointer font-medium">All their changes ({merge.theirChanges.length})</summary>
            <ul className="mt-1 list-disc pl-5">{merge.theirChanges.map((c) => <li key={c}>{c}</li>)}</ul>
          </details>
        ) : null}
        {view.renamed.length > 0 ? (
          <p className="text-sm text-slate-800">
            You both added an entry with the same id; both are kept, yours as {view.renamed.map((r) => `${r.to} (was ${r.from})`).join(", ")}.
          </p>
        ) : null}
        <ol className="space-y-3" aria-label="Conflicting fields">
          {view.conflicts.map((c, n) => <ConflictChoice key={c.key} conflict={c} n={n} onChoose={(side) => actions.choose(c.key, side)} />)}
        </ol>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => actions.chooseAll(keys, "mine")}>Keep all of yours</Button>
          <Button variant="secondary" onClick={() => actions.chooseAll(keys, "theirs")}>Keep all of theirs</Button>
        </div>
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="merge-remaining">
          {open === 0 ? "Every conflict has a choice. The warnings beside this show the merged result." : `${open} of ${count} still to choose.`}
        </p>
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3">
          <Button onClick={() => actions.save(view.result.policy)} disabled={!view.isReady || isSaving}>
            {isSaving ? "Saving…" : "Save merged profile"}
          </Button>
          <Button variant="ghost" onClick={actions.back} disabled={isSaving}>Back to my edits</Button>
          <Button variant="ghost" onClick={actions.loadTheirs} disabled={isSaving}>Drop mine and load theirs</Button>
          <CopyButton text={exportText} label="Copy yours (JSON)" />
        </div>
      </div>
    </section>
  );
}
