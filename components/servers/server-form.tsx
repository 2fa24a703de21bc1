"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import type { ServerFormValues } from "./form-values";
import { ServerFormFields } from "./server-form-fields";

type Props = {
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  initial: ServerFormValues;
  version?: number;
  submitLabel: string;
  cancelHref: string;
};

/** Create and edit share this form; a failed save shows the typed values back with each field's error. */
export function ServerForm({ action, initial, version, submitLabel, cancelHref }: Props) {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(action, null);
  const failed = state && !state.ok ? state : null;
  const values = { ...initial, ...failed?.values } as ServerFormValues;

  return (
    // The key remounts the fields after a failed save, so React's form reset shows what was typed.
    <form action={formAction} noValidate key={JSON.stringify(failed?.values ?? {})} className="space-y-6">
      {failed ? <Notice tone="error" id="form-error">{failed.message}</Notice> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <ServerFormFields values={values} errors={failed?.fieldErrors ?? {}} />
      <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : submitLabel}
        </Button>
        <Link href={cancelHref} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
