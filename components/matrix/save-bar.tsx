"use client";

import clsx from "clsx";
import { CircleAlert, CircleCheck, LoaderCircle, RotateCcw, Save } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ClosingSummary } from "@/lib/firewall/closing";
import type { SaveStatus } from "./use-matrix";
import { SAVE_BUTTON_ID } from "./use-save-keys";
import { SAVE_BAR_HEIGHT, useStickyHeight } from "./use-sticky-height";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Props = {
  status: SaveStatus;
  isDirty: boolean;
  isSaving: boolean;
  isReadOnly: boolean;
  errorCount: number;
  version: number;
  savedAt: string;
  isDefault: boolean;
  /** Ports this save closes or narrows compared with the last saved revision. */
  closing: ClosingSummary;
  onSave: () => void;
  onDiscard: () => void;
  onReload: () => void;
  /** Hides the "combined with theirs" notice. */
  onDismissNotice: () => void;
  /** The user's version of the profile as JSON, for "copy yours" after a conflict. */
  exportText: () => string;
};

function StateText({ status, isDirty, isSaving, isDefault, savedAt, version }: Pick<Props, "status" | "isDirty" | "isSaving" | "isDefault" | "savedAt" | "version">) {
  if (status.kind === "merging") return <span className="inline-flex items-center gap-1.5 rounded-full bg-amber-100 px-2.5 py-0.5 font-medium text-amber-900"><span className="size-2 rounded-full bg-amber-500" aria-hidden="true" /> Merging with revision {status.theirs}: choose below</span>;
  if (isSaving) return <span className="inline-flex items-center gap-1.5 text-slate-700"><LoaderCircle className="size-4 animate-spin" aria-hidden="true" /> Saving…</span>;
  if (isDirty) return <span className="inline-flex items-center gap-1.5 rounded-full bg-amber-100 px-2.5 py-0.5 font-medium text-amber-900"><span className="size-2 rounded-full bg-amber-500" aria-hidden="true" /> Unsaved changes</span>;
  if (isDefault) return <span className="text-slate-600">Starting choices, not saved yet</span>;
  return <span className="inline-flex items-center gap-1.5 text-slate-600"><CircleCheck className="size-4 text-emerald-600" aria-hidden="true" /> Saved {timeFormat.format(new Date(savedAt))} UTC · revision {version}</span>;
}

/** "Closing: HTTP 80/tcp, HTTPS 443/tcp+udp": read before Save, in the same live region as the state. */
function ClosingList({ closing }: { closing: ClosingSummary }) {
  const isEmpty = closing.closing.length === 0 && closing.narrowing.length === 0;
  return (
    <div aria-live="polite" data-testid="save-closing">
      {isEmpty ? null : (
        <div className="mt-2 space-y-0.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-950">
          {closing.closing.length > 0 ? <p><span className="font-semibold">Closing:</span> {closing.closing.join(", ")}</p> : null}
          {closing.narrowing.length > 0 ? <p><span className="font-semibold">Narrowing:</span> {closing.narrowing.join(", ")}</p> : null}
        </div>
      )}
    </div>
  );
}

/** After a save that had to be combined with someone else's: whose, and what of theirs is now in. */
function MergedNotice({ status, version, onDismiss }: { status: Extract<SaveStatus, { kind: "merged" }>; version: number; onDismiss: () => void }) {
  return (
    <div role="status" className="mt-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="merged-notice">
      <div className="flex items-start justify-between gap-3">
        <p className="font-medium">
          Someone else saved revision {status.theirs} while you were editing. Nothing clashed, so their changes and yours were combined and saved as revision {version}.
        </p>
        <Button variant="ghost" className="shrink-0 px-2 py-1" onClick={onDismiss}>Dismiss</Button>
      </div>
      {status.changes.length > 0 ? (
        <>
          <p className="mt-1">Their changes, now in your matrix:</p>
          <ul className="mt-0.5 list-disc pl-5">{status.changes.slice(0, 10).map((c) => <li key={c}>{c}</li>)}</ul>
          {status.changes.length > 10 ? <p>and {status.changes.length - 10} more (see Revisions).</p> : null}
        </>
      ) : null}
    </div>
  );
}

/** Sticky bar above the matrix: save state, Save and Discard, and what went wrong. */
export function SaveBar(props: Props) {
  const { status, isDirty, isSaving, isReadOnly, errorCount, onSave, onDiscard, onReload, exportText } = props;
  const [showJson, setShowJson] = useState(false);
  const isHydrated = useHydrated();
  const problem = status.kind === "failed" ? status : null;
  const isMerging = status.kind === "merging";
  const bar = useStickyHeight<HTMLDivElement>(SAVE_BAR_HEIGHT);
  return (
    <div ref={bar} className="sticky top-0 z-20 -mx-1 mb-4 rounded-lg border border-slate-200 bg-white/95 px-4 py-2.5 shadow-sm backdrop-blur">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm" aria-live="polite" data-testid="save-state" data-ready={isHydrated || undefined}>
          <StateText {...props} />
          {errorCount > 0 ? (
            <span className="ml-3 inline-flex items-center gap-1 text-red-700">
              <CircleAlert className="size-4" aria-hidden="true" /> {errorCount} {errorCount === 1 ? "problem" : "problems"} to fix before saving
            </span>
          ) : null}
        </p>
        {isReadOnly ? (
          <p className="text-sm text-slate-500">Read only: your role cannot change profiles.</p>
        ) : (
          <div className="flex items-center gap-2">
            <Button variant="ghost" onClick={onDiscard} disabled={!isDirty || isSaving || isMerging}>
              <RotateCcw className="size-4" aria-hidden="true" /> Discard changes
            </Button>
            <Button id={SAVE_BUTTON_ID} onClick={onSave} disabled={!isHydrated || isSaving || isMerging || (!isDirty && !props.isDefault)} aria-keyshortcuts="Control+S Meta+S">
              <Save className="size-4" aria-hidden="true" /> {isSaving ? "Saving…" : "Save"}
            </Button>
          </div>
        )}
      </div>
      <ClosingList closing={props.closing} />
      {status.kind === "merged" ? <MergedNotice status={status} version={props.version} onDismiss={props.onDismissNotice} /> : null}
      {status.kind === "invalid" && errorCount > 0 ? (
        <p role="alert" className="mt-2 text-sm text-red-800">Nothing was saved: fix the fields marked in red first.</p>
      ) : null}
      {problem ? (
        <div role="alert" className={clsx("mt-2 rounded-md border px-3 py-2 text-sm", "border-red-200 bg-red-50 text-red-900")}>
          <p className="font-medium">{problem.message}</p>
          {problem.details.length > 0 ? (
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">{problem.details.slice(0, 10).map((d) => <li key={d}>{d}</li>)}</ul>
          ) : null}
          {problem.isConflict ? (
            <div className="mt-2 flex flex-wrap gap-2">
              <Button variant="secondary" onClick={onReload}>Reload to see theirs</Button>
              <CopyButton text={exportText} label="Copy yours (JSON)" onFailure={() => setShowJson(true)} />
              {!showJson ? <Button variant="ghost" onClick={() => setShowJson(true)}>Show yours</Button> : null}
            </div>
          ) : null}
          {problem.isConflict && showJson ? (
            <textarea readOnly rows={6} value={exportText()} aria-label="Your version of the profile (JSON)"
              onFocus={(e) => e.currentTarget.select()} className="mt-2 w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs" />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
