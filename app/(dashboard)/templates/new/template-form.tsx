"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { OS_OPTIONS, PANEL_OPTIONS } from "@/lib/validations/server-profile";
import { createTemplateAction } from "../actions";

type Props = { servers: { id: string; name: string; panel: string }[]; fromServerId: string };

/** Name and description, then where the policy starts: a server's saved matrix, or a panel's starting choices. */
export function TemplateForm({ servers, fromServerId }: Props) {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(createTemplateAction, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values ?? {};
  const errors = failed?.fieldErrors ?? {};
  const [from, setFrom] = useState(values.fromServerId ?? fromServerId);
  const field = (name: string, hasHint = true) => ({
    id: `template-${name}`, name, defaultValue: values[name], "aria-describedby": describedBy(`template-${name}`, hasHint),
    "aria-invalid": Boolean(errors[name]) || undefined, className: inputClass(Boolean(errors[name])),
  });
  return (
    <form action={formAction} noValidate key={JSON.stringify(values)} className="max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {failed ? <Notice tone="error" id="form-error">{failed.message}</Notice> : null}
      <FormField id="template-name" label="Name" required hint="Letters, digits, spaces, dots, underscores and hyphens; unique regardless of case. For example: cPanel shared hosting." errors={errors.name}>
        <input {...field("name")} type="text" maxLength={64} autoComplete="off" />
      </FormField>
      <FormField id="template-description" label="Description (optional)" hint="What kind of server follows it." errors={errors.description}>
        <textarea {...field("description")} rows={2} maxLength={500} />
      </FormField>
      <FormField id="template-fromServerId" label="Start from" hint="A server's saved port matrix (its panel and system), or the starting choices of a panel." errors={errors.fromServerId}>
        <select {...field("fromServerId")} value={from} onChange={(e) => setFrom(e.target.value)} defaultValue={undefined}>
          <option value="">A panel&apos;s starting choices</option>
          {servers.map((s) => <option key={s.id} value={s.id}>Server {s.name} ({s.panel})</option>)}
        </select>
      </FormField>
      {from ? (
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="follow" defaultChecked={values.follow ? values.follow === "on" : true} className="mt-0.5 size-4" />
          <span>That server follows the new template (nothing is overridden yet)</span>
        </label>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="template-panel" label="Control panel" required errors={errors.panel}>
            <select {...field("panel", false)}>
              {PANEL_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </FormField>
          <FormField id="template-os" label="Operating system" hint="Decides the suggested backend of the template's own matrix." errors={errors.os}>
            <select {...field("os")}>
              {OS_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </FormField>
        </div>
      )}
      <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={isPending}>{isPending ? "Creating…" : "Create template"}</Button>
        <Link href="/templates" className={buttonClass("secondary")}>Cancel</Link>
      </div>
    </form>
  );
}
