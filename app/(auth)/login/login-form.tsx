"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { loginSchema } from "@/lib/validations/user";
import { z } from "zod";

type Errors = { email?: string[]; password?: string[] };

// next-auth 4 signs in through its own endpoint, so this form posts with signIn() rather than a server action.
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const isHydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = loginSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    setMessage(null);
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setErrors({});
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    // The lockout message is the only server text shown; anything else gets the one generic answer.
    setMessage(result?.error?.startsWith("Too many attempts") ? result.error : "The email or password is not correct.");
  }

  return (
    // method="post": should the form ever submit natively, credentials must not land in the URL.
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4">
      <div aria-live="polite">{message ? <Notice tone="error">{message}</Notice> : null}</div>
      <FormField id="email" label="Email" errors={errors.email} required>
        <input id="email" name="email" type="email" autoComplete="username" aria-invalid={!!errors.email}
          aria-describedby={describedBy("email")} className={inputClass(!!errors.email)} />
      </FormField>
      <FormField id="password" label="Password" errors={errors.password} required>
        <input id="password" name="password" type="password" autoComplete="current-password"
          aria-invalid={!!errors.password} aria-describedby={describedBy("password")} className={inputClass(!!errors.password)} />
      </FormField>
      <Button type="submit" disabled={isPending || !isHydrated} className="w-full">
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
