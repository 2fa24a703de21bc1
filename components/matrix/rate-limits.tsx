"use client";

import type { Dispatch } from "react";
import { HARDENING_PRESETS } from "@/lib/firewall/catalog/presets";
import type { RateLimitDraft } from "@/lib/validations/matrix-draft";
import type { FieldErrors } from "@/lib/action-result";
import { fieldDomId } from "./dom-ids";
import type { DraftAction } from "./draft-reducer";
import { FieldError, smallInputClass } from "./field-error";
import { AddButton, EntryList, Labelled, RemoveButton, SectionCard } from "./section-card";

type Props = { limits: readonly RateLimitDraft[]; errors: FieldErrors; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };
type RowProps = { limit: RateLimitDraft; n: number; errors: FieldErrors; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };

function LimitRow({ limit, n, errors, isReadOnly, dispatch }: RowProps) {
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
      <FieldError id={`${fieldDomId(key)}-limit-error`} messages={errors[`${key}:limit`]} />
    </li>
  );
}

export function RateLimits({ limits, errors, isReadOnly, dispatch }: Props) {
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
        {limits.map((limit, i) => <LimitRow key={limit.uid} limit={limit} n={i + 1} errors={errors} isReadOnly={isReadOnly} dispatch={dispatch} />)}
      </EntryList>
    </SectionCard>
  );
}
