"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { IMPORT_LIMIT_LABEL } from "@/lib/validations/import";
import { verifyServerAction, type VerifyOutcome } from "./actions";

/** Upload the live file of the bundle's verify.sh; shows the verdict or the drift list. */
export function VerifyForm({ id }: { id: string }) {
  const [state, formAction, isPending] = useActionState<ActionResult<VerifyOutcome> | null, FormData>(verifyServerAction.bind(null, id), null);
  const result = state?.ok ? state.data : null;
  return (
    <form action={formAction} className="space-y-4" aria-busy={isPending}>
      <FormField id="live" label="Live file from verify.sh" hint={`The portcullis-live-<host>-<time>.txt that sh verify.sh wrote on the server (read-only), at most ${IMPORT_LIMIT_LABEL}.`} errors={state && !state.ok ? (state.fieldErrors.live ?? [state.message]) : undefined}>
        <input id="live" name="live" type="file" accept="text/plain,.txt" aria-describedby={describedBy("live", true)}
          className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" />
      </FormField>
      <Button type="submit" disabled={isPending}>{isPending ? "Comparing…" : "Verify"}</Button>
      <div aria-live="polite">
        {result ? (
          <section aria-label="Verification result" className="space-y-2">
            {result.inSync ? (
              <Notice tone="success">In sync with revision {result.revision} ({result.host}, live state of {result.time}).</Notice>
            ) : (
              <>
                <Notice tone="error">
                  {result.drift.length} difference(s) from revision {result.revision} ({result.host}, live state of {result.time}).
                  {result.matches !== null ? ` The live rules match revision ${result.matches}.` : ""}
                </Notice>
                <ul aria-label="Drift" className="list-disc space-y-1 pl-6 text-sm text-slate-800">
                  {result.drift.map((d, i) => <li key={i}>{d.message}</li>)}
                </ul>
              </>
            )}
            {result.foreign.length > 0 ? <p className="text-sm text-slate-600">Foreign, left out of the verdict: {result.foreign.join("; ")}.</p> : null}
          </section>
        ) : null}
      </div>
    </form>
  );
}
