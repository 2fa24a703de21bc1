"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/user";
import { setupAction } from "./actions";

export function SetupForm() {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(setupAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : undefined;
  const passwordHint = `At least ${PASSWORD_MIN_LENGTH} characters, mixing three of: lower case, upper case, digits, symbols.`;

  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(values ?? {})}>
      {state && !state.ok && Object.keys(state.fieldErrors).length === 0 ? <Notice tone="error">{state.message}</Notice> : null}
      <FormField id="name" label="Your name" errors={errors.name} required>
        <input id="name" name="name" autoComplete="name" defaultValue={values?.name} aria-invalid={!!errors.name}
          aria-describedby={describedBy("name")} className={inputClass(!!errors.name)} />
      </FormField>
      <FormField id="email" label="Email" errors={errors.email} required>
        <input id="email" name="email" type="email" autoComplete="email" defaultValue={values?.email}
          aria-invalid={!!errors.email} aria-describedby={describedBy("email")} className={inputClass(!!errors.email)} />
      </FormField>
      <FormField id="password" label="Password" hint={passwordHint} errors={errors.password} required>
        <input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password}
          aria-describedby={describedBy("password", true)} className={inputClass(!!errors.password)} />
      </FormField>
      <FormField id="confirmPassword" label="Confirm password" errors={errors.confirmPassword} required>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password"
          aria-invalid={!!errors.confirmPassword} aria-describedby={describedBy("confirmPassword")}
          className={inputClass(!!errors.confirmPassword)} />
      </FormField>
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Creating account…" : "Create administrator"}
      </Button>
    </form>
  );
}
