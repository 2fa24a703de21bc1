"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { SCOPE_LABEL, TOKEN_DAY_CHOICES, type TokenScope } from "@/lib/auth/api-tokens";
import { createTokenAction } from "./actions";

type State = ActionResult<{ name: string; secret: string }> | null;

export function NewTokenForm({ scopes }: { scopes: TokenScope[] }) {
  const [state, formAction, isPending] = useActionState<State, FormData>(createTokenAction, null);
  const failed = state && !state.ok ? state : null;
  const created = state && state.ok ? state.data : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values;
  return (
    <div className="space-y-4">
      {created ? (
        <section aria-labelledby="secret-title" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
          <h2 id="secret-title" className="text-sm font-semibold text-emerald-900">Token “{created.name}” created</h2>
          <p className="mt-1 text-sm text-emerald-900">Copy it now: it is shown only once and stored only as a hash.</p>
          <output aria-label="New token secret" className="mt-2 block break-all rounded border border-emerald-200 bg-white px-2 py-1.5 font-mono text-sm text-slate-900">{created.secret}</output>
          <CopyButton className="mt-2" text={() => created.secret} label="Copy token" />
        </section>
      ) : null}
      <form action={formAction} noValidate key={JSON.stringify(values ?? {}) + (created?.secret ?? "")}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="new-token-title">
        <h2 id="new-token-title" className="text-base font-semibold text-slate-900">New token</h2>
        {failed ? <Notice tone="error" id="form-error">{failed.message}</Notice> : null}
        <FormField id="name" label="Name" hint="What uses it, e.g. “ansible-ci”." errors={errors.name} required>
          <input id="name" name="name" autoComplete="off" defaultValue={values?.name} aria-invalid={!!errors.name}
            aria-describedby={describedBy("name", true)} className={inputClass(!!errors.name)} />
        </FormField>
        <FormField id="scope" label="Scope" errors={errors.scope} required>
          <select id="scope" name="scope" defaultValue={values?.scope ?? "read"} aria-invalid={!!errors.scope}
            aria-describedby={describedBy("scope")} className={inputClass(!!errors.scope)}>
            {scopes.map((s) => <option key={s} value={s}>{SCOPE_LABEL[s]}</option>)}
          </select>
        </FormField>
        <FormField id="days" label="Expires after" errors={errors.days} required>
          <select id="days" name="days" defaultValue={values?.days ?? "30"} aria-invalid={!!errors.days}
            aria-describedby={describedBy("days")} className={inputClass(!!errors.days)}>
            {TOKEN_DAY_CHOICES.map((d) => <option key={d} value={d}>{d} days</option>)}
          </select>
        </FormField>
        <Button type="submit" disabled={isPending}>{isPending ? "Creating…" : "Create token"}</Button>
      </form>
    </div>
  );
}
