"use client";

import clsx from "clsx";
import { Lock } from "lucide-react";
import { memo, type Dispatch } from "react";
import type { CatalogService } from "@/lib/firewall/catalog/types";
import type { Severity } from "@/lib/firewall/warnings/types";
import type { ServiceDraft } from "@/lib/validations/matrix-draft";
import { fieldDomId } from "./dom-ids";
import type { DraftAction } from "./draft-reducer";
import { FieldError, smallInputClass } from "./field-error";
import { CARDS } from "./matrix-cards";
import { SourcePresets, type ListInfo } from "./source-presets";
import { AccessSelect, SourcesList } from "./sources-field";

/** The tick columns, in table order; `label` ends each checkbox's accessible name. */
export const TICK_COLUMNS = [
  { key: "enabled", label: "enabled", heading: "On" },
  { key: "tcp", label: "TCP", heading: "TCP" },
  { key: "udp", label: "UDP", heading: "UDP" },
  { key: "inbound", label: "inbound", heading: "In" },
  { key: "outbound", label: "outbound", heading: "Out" },
  { key: "localhostOnly", label: "localhost only", heading: "Local" },
] as const;

const SEVERITY_EDGE: Record<Severity, string> = {
  critical: "border-l-red-600",
  warning: "border-l-amber-500",
  info: "border-l-sky-400",
};

export type RowProps = {
  service: CatalogService;
  draft: ServiceDraft;
  /** "SSH 22/tcp": the start of every control's accessible name. */
  name: string;
  portText: string;
  twin?: string;
  sourcesErrors?: string[];
  rangeErrors?: string[];
  severity?: Severity;
  listInfo: ListInfo;
  isReadOnly: boolean;
  dispatch: Dispatch<DraftAction>;
  /** Following a template: whether this row is the template's choice or this server's own. */
  template?: "inherited" | "overridden";
  onReset?: (id: string) => void;
};

function ServiceRowView({ service, draft, name, portText, twin, sourcesErrors, rangeErrors, severity, listInfo, isReadOnly, dispatch, template, onReset }: RowProps) {
  const set = (patch: Partial<ServiceDraft>) => dispatch({ type: "service", id: service.id, patch });
  const isLocal = draft.enabled && draft.localhostOnly;
  const canChooseSources = draft.enabled && draft.inbound && !draft.localhostOnly;
  const rangeId = fieldDomId(`service:${service.id}:range`);
  const hasList = draft.access === "list" && canChooseSources;
  return (
    <>
      <tr id={`svc-${service.id}`} className={clsx(CARDS.row, hasList && CARDS.rowOpen, "group scroll-mt-32 target:bg-amber-50", !draft.enabled && "bg-slate-50/60")}>
        <th scope="row" className={clsx(CARDS.rowHeading, "border-l-4 py-2 pr-3 pl-3 text-left align-top font-normal", severity ? SEVERITY_EDGE[severity] : "border-l-transparent")}>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className={clsx("font-medium", draft.enabled ? "text-slate-900" : "text-slate-500")}>{service.name}</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{portText}</span>
            {isLocal ? (
              <span className="inline-flex items-center gap-1 text-xs text-emerald-800" title="Reachable from the server itself only">
                <Lock className="size-3.5" aria-hidden="true" /> <span>localhost only</span>
              </span>
            ) : null}
            {twin ? (
              <span className="rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                Plaintext · use {twin}
              </span>
            ) : null}
            {service.onlyOn ? <span className="text-xs text-slate-500">({service.onlyOn.join(", ")} only)</span> : null}
            {template === "overridden" ? (
              <span className="inline-flex items-center gap-1">
                <span className="rounded border border-violet-300 bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-900">Overridden</span>
                {onReset ? (
                  <button type="button" onClick={() => onReset(service.id)} aria-label={`Reset ${service.name} to the template`}
                    className="rounded px-1 text-xs font-medium text-brand-700 underline hover:bg-brand-50">Reset</button>
                ) : null}
              </span>
            ) : template === "inherited" ? <span className="sr-only">(from the template)</span> : null}
          </div>
          <p className="mt-0.5 text-xs leading-snug text-slate-500">{service.note}{service.optional ? ` ${service.optional}` : ""}</p>
          {draft.rangeText !== undefined ? (
            <div className="mt-1.5 flex items-center gap-2">
              <label htmlFor={rangeId} className="text-xs text-slate-600">Port range</label>
              <input id={rangeId} value={draft.rangeText} disabled={isReadOnly} inputMode="numeric" spellCheck={false}
                aria-invalid={!!rangeErrors} aria-describedby={`${rangeId}-error`}
                onChange={(e) => set({ rangeText: e.target.value })} className={smallInputClass(!!rangeErrors, "w-32 font-mono")} />
            </div>
          ) : null}
          {draft.rangeText !== undefined ? <FieldError id={`${rangeId}-error`} messages={rangeErrors} /> : null}
        </th>
        {TICK_COLUMNS.map((col, i) => (
          <td key={col.key} className={CARDS.tick}>
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" data-col={i} checked={draft[col.key]} disabled={isReadOnly}
                aria-label={`${name} ${col.label}`}
                onChange={(e) => set({ [col.key]: e.target.checked })}
                className={clsx("size-5 shrink-0 cursor-pointer rounded border-slate-400 accent-brand-600 md:mt-1 md:size-4", i > 0 && !draft.enabled && "opacity-45")} />
              <span className={clsx(CARDS.cardOnly, draft.enabled ? "text-slate-800" : "text-slate-600")}>{col.label}</span>
            </label>
          </td>
        ))}
        <td className={CARDS.sources}>
          <span className={clsx(CARDS.cardOnly, "mb-1 block text-xs font-medium text-slate-700")} aria-hidden="true">Allowed sources</span>
          <AccessSelect id={`svc-${service.id}-access`} label={`${name} allowed sources`} value={draft.access}
            disabled={isReadOnly || !canChooseSources} onChange={(access) => set({ access })} />
        </td>
      </tr>
      {hasList ? (
        <tr className={CARDS.listRow}>
          <td colSpan={TICK_COLUMNS.length + 2} className={CARDS.listCell}>
            <SourcePresets serviceId={service.id} name={name} refs={draft.lists} info={listInfo} isReadOnly={isReadOnly} dispatch={dispatch} />
            <SourcesList errorKey={`service:${service.id}:sources`} label={`${name}: addresses allowed to connect`}
              value={draft.sourcesText} errors={sourcesErrors} disabled={isReadOnly}
              onChange={(sourcesText) => set({ sourcesText })} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

const sameMessages = (a?: string[], b?: string[]) => a === b || (a?.join("\n") ?? "") === (b?.join("\n") ?? "");

/** Rows re-render only when their own choice, errors or warning level change. */
export const ServiceRow = memo(ServiceRowView, (a, b) =>
  a.draft === b.draft && a.name === b.name && a.portText === b.portText && a.twin === b.twin && a.severity === b.severity &&
  a.isReadOnly === b.isReadOnly && a.dispatch === b.dispatch && a.service === b.service && a.listInfo === b.listInfo &&
  a.template === b.template && a.onReset === b.onReset &&
  sameMessages(a.sourcesErrors, b.sourcesErrors) && sameMessages(a.rangeErrors, b.rangeErrors));
