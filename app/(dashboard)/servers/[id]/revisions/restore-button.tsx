"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";

type Props = { action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>; from: number; expected: number; label: string };

/** The confirming button of the restore dialog: posts the restore as a new save. */
export function RestoreButton({ action, from, expected, label }: Props) {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="expected" value={expected} />
      <Button type="submit" variant="primary" disabled={isPending}>{label}</Button>
      {state && !state.ok ? <p role="alert" className="mt-1 text-xs text-red-700">{state.message}</p> : null}
    </form>
  );
}
