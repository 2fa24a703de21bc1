"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  name: string;
  description: string;
};

/** Rename or describe a template; followers show the new name in the server list. */
export function TemplateDetailsForm({ action, name, description }: Props) {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(action, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values ?? { name, description };
  const errors = failed?.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate key={JSON.stringify(values)} className="space-y-4">
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.message ?? "Saved."}</Notice> : null}
      <FormField id="details-name" label="Name" required hint="Unique regardless of case." errors={errors.name}>
        <input id="details-name" name="name" type="text" maxLength={64} defaultValue={values.name} autoComplete="off"
          aria-describedby={describedBy("details-name", true)} aria-invalid={Boolean(errors.name) || undefined} className={inputClass(Boolean(errors.name))} />
      </FormField>
      <FormField id="details-description" label="Description" errors={errors.description}>
        <textarea id="details-description" name="description" rows={2} maxLength={500} defaultValue={values.description}
          aria-describedby={describedBy("details-description")} className={inputClass(Boolean(errors.description))} />
      </FormField>
      <Button type="submit" variant="secondary" disabled={isPending}>{isPending ? "Saving…" : "Save details"}</Button>
    </form>
  );
}
