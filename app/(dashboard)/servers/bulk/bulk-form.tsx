"use client";

import { useActionState, useState, useTransition } from "react";
import { RevisionDiff } from "@/components/servers/revision-diff";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { BULK_KIND_LABELS, BULK_KINDS, type BulkKind } from "@/lib/fleet/bulk";
import { FOLLOW_MODE_LABELS, FOLLOW_MODES } from "@/lib/firewall/policy/template";
import { applyBulkAction, previewBulkAction, type BulkPreviewState } from "./actions";

type Props = { ids: string[]; backends: { id: string; label: string }[]; templates: { id: string; label: string }[] };

const HINTS: Record<BulkKind, string> = {
  block: "Added to each server's blocked addresses (those it already blocks are left alone).",
  unblock: "Removed from each server's blocked addresses where present.",
  "open-port": "Adds an inbound custom rule to each server that does not have the same one.",
  "close-port": "Removes or narrows inbound custom rules on exactly these ports. Catalog services are closed in each server's matrix, where their warnings show.",
  backend: "Each server's rule files are generated for this backend from then on; apply them on the server as the bundle's steps say.",
  tags: "Tags change without a new revision; the audit trail records them.",
  follow: "Each server follows the template from then on: a change to the template is proposed to it for review. Only servers of the template's panel can follow it.",
  unfollow: "Each server keeps its current rules and stops receiving the template's changes. No new revision.",
};

export function BulkForm({ ids, backends, templates }: Props) {
  const [state, formAction, previewing] = useActionState<ActionResult<BulkPreviewState> | null, FormData>(previewBulkAction.bind(null, ids), null);
  const values = state?.ok ? state.data.values : (state?.values ?? {});
  const [kind, setKind] = useState<BulkKind>((values.kind as BulkKind | undefined) ?? "block");
  const [applying, startApply] = useTransition();
  const [applyError, setApplyError] = useState<string | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const field = (name: string) => ({ id: `bulk-${name}`, name, defaultValue: values[name], "aria-describedby": describedBy(`bulk-${name}`, true), className: inputClass(Boolean(errors[name])) });
  const preview = state?.ok ? state.data : null;
  const toChange = preview?.preview.items.filter((i) => i.changed) ?? [];
  const refused = preview?.preview.items.filter((i) => i.error) ?? [];

  function apply() {
    if (!preview) return;
    setApplyError(null);
    startApply(async () => {
      const result = await applyBulkAction(preview.change, preview.preview.items.map((i) => ({ id: i.id, version: i.version })));
      if (result && !result.ok) setApplyError(result.message);
    });
  }

  return (
    <div className="mt-4 space-y-6">
      <form action={formAction} className="space-y-4" aria-busy={previewing} key={state?.ok ? "previewed" : "editing"}>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Action</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {BULK_KINDS.map((k) => (
              <label key={k} className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-800 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-4" />
                {BULK_KIND_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="text-sm text-slate-600">{HINTS[kind]}</p>
        {kind === "block" || kind === "unblock" ? (
          <>
            <FormField id="bulk-addresses" label="Addresses and networks" hint="One per line (or separated by spaces or commas); IPv4 and IPv6, CIDR allowed; # starts a comment." errors={errors.addresses}>
              <textarea {...field("addresses")} rows={5} className={inputClass(Boolean(errors.addresses), "font-mono")} />
            </FormField>
            {kind === "block" ? (
              <FormField id="bulk-comment" label="Comment (optional)" hint="Shown beside each entry and in the rule files: letters, digits, spaces and . , : ; & ' / ( ) + - _" errors={errors.comment}>
                <input {...field("comment")} type="text" maxLength={60} />
              </FormField>
            ) : null}
          </>
        ) : null}
        {kind === "open-port" || kind === "close-port" ? (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="bulk-portFrom" label="Port" hint="1 to 65535." errors={errors.portFrom}>
                <input {...field("portFrom")} type="number" min={1} max={65535} inputMode="numeric" />
              </FormField>
              <FormField id="bulk-portTo" label="To port (for a range, optional)" hint="Leave empty for one port." errors={errors.portTo}>
                <input {...field("portTo")} type="number" min={1} max={65535} inputMode="numeric" />
              </FormField>
            </div>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Protocols</legend>
              <div className="mt-1 flex gap-4 text-sm text-slate-800">
                <label className="flex items-center gap-2"><input type="checkbox" name="tcp" defaultChecked={values.tcp ? values.tcp === "on" : true} className="size-4" /> TCP</label>
                <label className="flex items-center gap-2"><input type="checkbox" name="udp" defaultChecked={values.udp === "on"} className="size-4" /> UDP</label>
              </div>
              <div id="bulk-tcp-error" aria-live="polite">{errors.tcp?.map((m) => <p key={m} className="text-sm text-red-700">{m}</p>)}</div>
            </fieldset>
            {kind === "open-port" ? (
              <>
                <FormField id="bulk-access" label="Who may connect" hint="Admin sources: each server's own administrator addresses." errors={errors.access}>
                  <select {...field("access")}>
                    <option value="anyone">Anyone</option>
                    <option value="admins">Admin sources of each server</option>
                    <option value="list">These sources</option>
                  </select>
                </FormField>
                <FormField id="bulk-sources" label="Sources (when “These sources”)" hint="Addresses or networks, separated by spaces, commas or new lines." errors={errors.sources}>
                  <textarea {...field("sources")} rows={2} className={inputClass(Boolean(errors.sources), "font-mono")} />
                </FormField>
                <FormField id="bulk-label" label="Label (optional)" hint="Names the rule in the matrix and the rule files." errors={errors.label}>
                  <input {...field("label")} type="text" maxLength={60} />
                </FormField>
              </>
            ) : null}
          </>
        ) : null}
        {kind === "backend" ? (
          <FormField id="bulk-backend" label="Backend" hint="The firewall each server runs." errors={errors.backend}>
            <select {...field("backend")}>
              <option value="">Choose…</option>
              {backends.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
            </select>
          </FormField>
        ) : null}
        {kind === "follow" ? (
          <>
            <FormField id="bulk-templateId" label="Template" hint={templates.length === 0 ? "No template exists yet: create one on the Templates page." : "The template each selected server follows."} errors={errors.templateId}>
              <select {...field("templateId")}>
                <option value="">Choose…</option>
                {templates.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
              </select>
            </FormField>
            <fieldset aria-describedby="bulk-mode-error">
              <legend className="text-sm font-medium text-slate-800">Each server&apos;s current policy</legend>
              <div className="mt-1 space-y-1 text-sm text-slate-800">
                {FOLLOW_MODES.map((mode) => (
                  <label key={mode} className="flex items-start gap-2">
                    <input type="radio" name="mode" value={mode} defaultChecked={(values.mode ?? "adopt") === mode} className="mt-0.5 size-4" /> {FOLLOW_MODE_LABELS[mode]}
                  </label>
                ))}
              </div>
              <div id="bulk-mode-error" aria-live="polite">{errors.mode?.map((m) => <p key={m} className="text-sm text-red-700">{m}</p>)}</div>
            </fieldset>
          </>
        ) : null}
        {kind === "tags" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="bulk-add" label="Add tags" hint="Separated by spaces or commas." errors={errors.add}>
              <input {...field("add")} type="text" />
            </FormField>
            <FormField id="bulk-remove" label="Remove tags" hint="Separated by spaces or commas." errors={errors.remove}>
              <input {...field("remove")} type="text" />
            </FormField>
          </div>
        ) : null}
        {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
        <Button type="submit" variant="secondary" disabled={previewing}>{previewing ? "Previewing…" : "Preview"}</Button>
      </form>

      <div aria-live="polite">
        {preview ? (
          <section aria-labelledby="preview-heading" className="space-y-4 border-t border-slate-200 pt-4">
            <h3 id="preview-heading" className="text-base font-semibold text-slate-900">
              Preview: {preview.preview.description}
            </h3>
            <p className="text-sm text-slate-700">
              {toChange.length} server{toChange.length === 1 ? "" : "s"} will change; {preview.preview.items.length - toChange.length - refused.length} already {preview.preview.items.length - toChange.length - refused.length === 1 ? "is" : "are"} as asked
              {preview.preview.missing > 0 ? `; ${preview.preview.missing} no longer exist` : ""}.
            </p>
            {refused.length > 0 ? (
              <Notice tone="error">
                {refused.length} server{refused.length === 1 ? "" : "s"} cannot take this change, so nothing can be applied: {refused.map((r) => `${r.name}: ${r.error}`).join(" ")}
              </Notice>
            ) : null}
            <ul className="space-y-3" aria-label="Changes per server">
              {toChange.map((item) => (
                <li key={item.id} className="rounded-md border border-slate-200 p-3">
                  <p className="font-medium text-slate-900">{item.name} <span className="text-sm font-normal text-slate-600">{item.tags ? "tags only, no new revision" : item.changeCount === 0 ? "no new revision" : `revision ${item.version} → ${item.version + 1}`}</span></p>
                  {item.template ? (
                    <p className="mt-1 text-sm text-slate-700">Template: {item.template.from ?? "none"} → {item.template.to ?? "none"}{item.changeCount === 0 ? "; its rules stay as they are" : ""}</p>
                  ) : null}
                  {item.tags ? (
                    <p className="mt-1 text-sm text-slate-700">Tags: {item.tags.from.join(" ") || "none"} → {item.tags.to.join(" ") || "none"}</p>
                  ) : item.changeCount > 0 ? (
                    <RevisionDiff entries={item.changes} from={item.version} to={item.version + 1} label={`Changes to ${item.name}`} />
                  ) : null}
                  {item.changeCount > item.changes.length ? <p className="mt-1 text-sm text-slate-600">and {item.changeCount - item.changes.length} more changes.</p> : null}
                  {item.newCritical.length > 0 ? (
                    <div className="mt-2"><Notice tone="error">New critical warnings (to acknowledge on its review page before a download): {item.newCritical.map((w) => w.title).join("; ")}</Notice></div>
                  ) : null}
                </li>
              ))}
            </ul>
            {applyError ? <Notice tone="error">{applyError}</Notice> : null}
            <Button type="button" onClick={apply} disabled={applying || toChange.length === 0 || refused.length > 0}>
              {applying ? "Applying…" : `Apply to ${toChange.length} server${toChange.length === 1 ? "" : "s"}`}
            </Button>
          </section>
        ) : null}
      </div>
    </div>
  );
}
