"use client";

import type { Dispatch } from "react";
import type { CustomRuleDraft } from "@/lib/validations/matrix-draft";
import type { FieldErrors } from "@/lib/action-result";
import { fieldDomId } from "./dom-ids";
import type { DraftAction } from "./draft-reducer";
import { FieldError, smallInputClass } from "./field-error";
import { AddButton, EntryList, Labelled, RemoveButton, SectionCard } from "./section-card";
import { AccessSelect, SourcesList } from "./sources-field";

type Props = { rules: readonly CustomRuleDraft[]; errors: FieldErrors; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };

function RuleRow({ rule, n, errors, isReadOnly, dispatch }: { rule: CustomRuleDraft; n: number; errors: FieldErrors; isReadOnly: boolean; dispatch: Dispatch<DraftAction> }) {
  const key = `custom:${rule.uid}`;
  const set = (patch: Partial<CustomRuleDraft>) => dispatch({ type: "custom-update", uid: rule.uid, patch });
  const name = `Custom rule ${n}`;
  const ids = { label: fieldDomId(`${key}:label`), ports: fieldDomId(`${key}:ports`), protocol: fieldDomId(`${key}:protocol`), direction: `${fieldDomId(key)}-direction`, access: `${fieldDomId(key)}-access` };
  const isInbound = rule.direction === "inbound";
  return (
    <li id={`custom-${rule.id}`} className="scroll-mt-32 rounded-md border border-slate-200 p-3 target:bg-amber-50">
      <div className="grid grid-cols-[minmax(0,1fr)_9rem_auto] items-start gap-3">
        <Labelled htmlFor={ids.label} label="Label" context={name}>
          <input id={ids.label} value={rule.label} disabled={isReadOnly} placeholder="e.g. Node exporter" maxLength={100}
            aria-invalid={!!errors[`${key}:label`]} aria-describedby={`${ids.label}-error`}
            onChange={(e) => set({ label: e.target.value })} className={smallInputClass(!!errors[`${key}:label`], "w-full")} />
          <FieldError id={`${ids.label}-error`} messages={errors[`${key}:label`]} />
        </Labelled>
        <Labelled htmlFor={ids.ports} label="Port or range" context={name}>
          <input id={ids.ports} value={rule.portsText} disabled={isReadOnly} placeholder="9100 or 8000-8100" inputMode="numeric"
            aria-invalid={!!errors[`${key}:ports`]} aria-describedby={`${ids.ports}-error`}
            onChange={(e) => set({ portsText: e.target.value })} className={smallInputClass(!!errors[`${key}:ports`], "w-full font-mono")} />
          <FieldError id={`${ids.ports}-error`} messages={errors[`${key}:ports`]} />
        </Labelled>
        <RemoveButton label={`Remove ${name}`} isDisabled={isReadOnly} onClick={() => dispatch({ type: "custom-remove", uid: rule.uid })} />
      </div>
      <div className="mt-2 grid grid-cols-2 items-start justify-start gap-x-6 gap-y-3 sm:grid-cols-[auto_8rem_11rem]">
        <fieldset aria-describedby={`${ids.protocol}-error`}>
          <legend className="mb-1 text-xs font-medium text-slate-700"><span className="sr-only">{name} </span>Protocol</legend>
          <div className="flex gap-3 py-1 text-sm">
            {(["tcp", "udp"] as const).map((p) => (
              <label key={p} className="flex items-center gap-1.5">
                <input type="checkbox" checked={rule[p]} disabled={isReadOnly} aria-label={`${name} ${p.toUpperCase()}`}
                  onChange={(e) => set({ [p]: e.target.checked })} className="size-4 accent-brand-600" />
                {p.toUpperCase()}
              </label>
            ))}
          </div>
          <FieldError id={`${ids.protocol}-error`} messages={errors[`${key}:protocol`]} />
        </fieldset>
        <Labelled htmlFor={ids.direction} label="Direction" context={name}>
          <select id={ids.direction} value={rule.direction} disabled={isReadOnly}
            onChange={(e) => set({ direction: e.target.value as CustomRuleDraft["direction"] })} className={smallInputClass(false, "w-full")}>
            <option value="inbound">Inbound</option>
            <option value="outbound">Outbound</option>
          </select>
        </Labelled>
        <Labelled htmlFor={ids.access} label="Who may connect" context={name}>
          <AccessSelect id={ids.access} label={`${name} allowed sources`} value={rule.access} disabled={isReadOnly || !isInbound}
            onChange={(access) => set({ access })} />
        </Labelled>
      </div>
      {isInbound && rule.access === "list" ? (
        <div className="mt-3">
          <SourcesList errorKey={`${key}:sources`} label={`${name}: addresses allowed to connect`} value={rule.sourcesText}
            errors={errors[`${key}:sources`]} disabled={isReadOnly} onChange={(sourcesText) => set({ sourcesText })} />
        </div>
      ) : null}
    </li>
  );
}

export function CustomRules({ rules, errors, isReadOnly, dispatch }: Props) {
  return (
    <SectionCard id="custom-rules" title="Custom rules"
      actions={<AddButton label="Add custom rule" isDisabled={isReadOnly} onClick={() => dispatch({ type: "custom-add" })} />}
      description="Ports the catalog does not cover: one port or a range, TCP and/or UDP, in or out.">
      <EntryList empty="No custom rules. Add one for a port the catalog does not list, such as a monitoring agent.">
        {rules.map((rule, i) => <RuleRow key={rule.uid} rule={rule} n={i + 1} errors={errors} isReadOnly={isReadOnly} dispatch={dispatch} />)}
      </EntryList>
    </SectionCard>
  );
}
