"use client";

import clsx from "clsx";
import type { Dispatch } from "react";
import { describeLimit, type LimitShape } from "@/lib/firewall/backends/limit-notes";
import { HARDENING_PRESETS } from "@/lib/firewall/catalog/presets";
import type { Backend } from "@/lib/firewall/policy/schema";
import type { RateLimitDraft } from "@/lib/validations/matrix-draft";
import type { FieldErrors } from "@/lib/action-result";
import { fieldDomId } from "./dom-ids";
import type { DraftAction } from "./draft-reducer";
import { FieldError, smallInputClass } from "./field-error";
import { AddButton, EntryList, Labelled, RemoveButton, SectionCard } from "./section-card";

type Props = { limits: readonly RateLimitDraft[]; backend: Backend; errors: FieldErrors; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };
type RowProps = { limit: RateLimitDraft; n: number; backend: Backend; errors: FieldErrors; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };

const whole = (text: string) => (/^\d{1,6}$/.test(text.trim()) && Number(text) > 0 ? Number(text) : undefined);

/** The draft's numbers as far as they are whole and positive; parts still being typed are left out. */
function shapeOf(limit: RateLimitDraft): LimitShape {
  const count = whole(limit.countText);
  const seconds = whole(limit.secondsText);
  return { protocol: limit.protocol, newConnections: count && seconds ? { count, seconds } : undefined, concurrent: whole(limit.concurrentText) };
}

/** What the chosen backend makes of this limit, right beside its fields (not only in the report). */
function BackendNote({ id, limit, backend }: { id: string; limit: RateLimitDraft; backend: Backend }) {
  const notes = describeLimit(backend, shapeOf(limit));
  if (notes.length === 0) return null;
  return (
    <ul id={id} aria-label="How the backend enforces it" className="mt-1 space-y-0.5 text-xs">
      {notes.map((note) => (
        <li key={note.text} data-exact={note.exact} className={clsx(note.exact ? "text-slate-600" : "font-medium text-amber-900")}>
          <span aria-hidden="true">{note.exact ? "✓ " : "⚠ "}</span>{note.exact ? null : <span className="sr-only">Approximated: </span>}{note.text}
        </li>
      ))}
    </ul>
  );
}

function LimitRow({ limit, n, backend, errors, isReadOnly, dispatch }: RowProps) {
  const key = `rate:${limit.uid}`;
  const set = (patch: Partial<RateLimitDraft>) => dispatch({ type: "rate-update", uid: limit.uid, patch });
  const name = `Rate limit ${n}`;
  const text = (field: "label" | "ports" | "count" | "seconds" | "concurrent", draftField: keyof RateLimitDraft, label: string, extra: { placeholder?: string; className?: string; numeric?: boolean } = {}) => {
    const id = fieldDomId(`${key}:${field}`);
    const messages = errors[`${key}:${field}`];
    return (
      <Labelled htmlFor={id} label={label} context={name} className={extra.className}>
        <input id={id} value={String(limit[draftField])} disabled={isReadOnly} placeholder={extra.placeholder}
          inputMode={extra.numeric ? "numeric" : undefined} aria-invalid={!!messages} aria-describedby={`${id}-error`}
          onChange={(e) => set({ [draftField]: e.target.value })}
          className={smallInputClass(!!messages, `w-full ${extra.numeric ? "font-mono" : ""}`)} />
        <FieldError id={`${id}-error`} messages={messages} />
      </Labelled>
    );
  };
  const protocolId = `${fieldDomId(key)}-protocol`;
  return (
    <li id={`rate-${limit.id}`} className="scroll-mt-32 rounded-md border border-slate-200 p-3 target:bg-amber-50">
      <div className="grid grid-cols-2 items-start gap-3 sm:grid-cols-[minmax(0,1fr)_7rem_5.5rem_auto]">
        {text("label", "label", "Label", { placeholder: "e.g. SMTP per source" })}
        {text("ports", "portsText", "Port or range", { placeholder: "25", numeric: true })}
        <Labelled htmlFor={protocolId} label="Protocol" context={name}>
          <select id={protocolId} value={limit.protocol} disabled={isReadOnly}
            onChange={(e) => set({ protocol: e.target.value as RateLimitDraft["protocol"] })} className={smallInputClass(false, "w-full")}>
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
          </select>
        </Labelled>
        <RemoveButton label={`Remove ${name}`} isDisabled={isReadOnly} onClick={() => dispatch({ type: "rate-remove", uid: limit.uid })} />
      </div>
      <div className="mt-2 grid grid-cols-2 items-start gap-3 sm:grid-cols-[8rem_8rem_9rem]">
        {text("count", "countText", "New connections", { numeric: true })}
        {text("seconds", "secondsText", "Per seconds", { numeric: true })}
        {text("concurrent", "concurrentText", "Max concurrent", { numeric: true })}
      </div>
      <p className="mt-1 text-xs text-slate-500">Per source address. Leave the rate or the cap empty to use only the other.</p>
      <BackendNote id={`${fieldDomId(key)}-backend`} limit={limit} backend={backend} />
      <FieldError id={`${fieldDomId(key)}-limit-error`} messages={errors[`${key}:limit`]} />
    </li>
  );
}

export function RateLimits({ limits, backend, errors, isReadOnly, dispatch }: Props) {
  return (
    <SectionCard id="rate-limits" title="Rate limits"
      actions={<AddButton label="Add rate limit" isDisabled={isReadOnly} onClick={() => dispatch({ type: "rate-add" })} />}
      description="Per source: new connections per time window, and open connections at once.">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600">Presets:</span>
        {HARDENING_PRESETS.map((preset) => (
          <AddButton key={preset.id} label={preset.label} title={preset.description} isSmall isDisabled={isReadOnly}
            onClick={() => dispatch({ type: "rate-add", limits: preset.rateLimits })} />
        ))}
      </div>
      <EntryList empty="No rate limits. The SMTP presets slow down password guessing and spam bots on the mail ports.">
        {limits.map((limit, i) => <LimitRow key={limit.uid} limit={limit} n={i + 1} backend={backend} errors={errors} isReadOnly={isReadOnly} dispatch={dispatch} />)}
      </EntryList>
    </SectionCard>
  );
}
