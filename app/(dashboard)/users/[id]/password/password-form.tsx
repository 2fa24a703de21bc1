"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/user";

type Props = { action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult> };

export function PasswordForm({ action }: Props) {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const hint = `At least ${PASSWORD_MIN_LENGTH} characters, mixing three of: lower case, upper case, digits, symbols.`;
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {failed ? <Notice tone="error" id="form-error">{failed.message}</Notice> : null}
      <FormField id="password" label="New password" hint={hint} errors={errors.password} required>
        <input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password}
          aria-describedby={describedBy("password", true)} className={inputClass(!!errors.password)} />
      </FormField>
      <FormField id="confirmPassword" label="Confirm new password" errors={errors.confirmPassword} required>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password"
          aria-invalid={!!errors.confirmPassword} aria-describedby={describedBy("confirmPassword")} className={inputClass(!!errors.confirmPassword)} />
      </FormField>
      <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={isPending}>{isPending ? "Saving…" : "Reset password"}</Button>
        <Link href="/users" className={buttonClass("secondary")}>Cancel</Link>
      </div>
    </form>
  );
}
