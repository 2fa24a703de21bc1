"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { PASSWORD_MIN_LENGTH, ROLE_LABELS, ROLES } from "@/lib/validations/user";
import { createUserAction } from "../actions";

export function NewUserForm() {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(createUserAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values;
  const passwordHint = `At least ${PASSWORD_MIN_LENGTH} characters, mixing three of: lower case, upper case, digits, symbols.`;

  return (
    <form action={formAction} noValidate key={JSON.stringify(values ?? {})}
      className="max-w-xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {failed ? <Notice tone="error" id="form-error">{failed.message}</Notice> : null}
      <FormField id="name" label="Name" errors={errors.name} required>
        <input id="name" name="name" autoComplete="off" defaultValue={values?.name} aria-invalid={!!errors.name}
          aria-describedby={describedBy("name")} className={inputClass(!!errors.name)} />
      </FormField>
      <FormField id="email" label="Email" errors={errors.email} required>
        <input id="email" name="email" type="email" autoComplete="off" defaultValue={values?.email}
          aria-invalid={!!errors.email} aria-describedby={describedBy("email")} className={inputClass(!!errors.email)} />
      </FormField>
      <FormField id="role" label="Role" errors={errors.role} required>
        <select id="role" name="role" defaultValue={values?.role ?? "viewer"} aria-invalid={!!errors.role}
          aria-describedby={describedBy("role")} className={inputClass(!!errors.role)}>
          {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
      </FormField>
      <FormField id="password" label="Initial password" hint={passwordHint} errors={errors.password} required>
        <input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password}
          aria-describedby={describedBy("password", true)} className={inputClass(!!errors.password)} />
      </FormField>
      <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={isPending}>{isPending ? "Creating…" : "Create user"}</Button>
        <Link href="/users" className={buttonClass("secondary")}>Cancel</Link>
      </div>
    </form>
  );
}
