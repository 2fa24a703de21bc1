"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import { IMPORT_LIMIT_LABEL } from "@/lib/validations/import";
import { importAction } from "./actions";

export function ImportForm() {
  const [state, formAction, isPending] = useActionState<ActionResult | null, FormData>(importAction, null);
  const failed = state && !state.ok ? state : null;
  const issues = failed?.fieldErrors.issues ?? [];
  return (
    <form action={formAction} className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {failed ? (
        <div id="import-problems" className="space-y-2">
          <Notice tone="error">{failed.message}</Notice>
          {issues.length > 0 ? (
            <ul aria-label="Problems found" className="max-h-80 list-disc space-y-0.5 overflow-y-auto pl-6 font-mono text-xs text-red-900">
              {issues.map((issue, i) => <li key={i}>{issue}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
      <FormField id="file" label="Profile file" hint={`JSON, at most ${IMPORT_LIMIT_LABEL}.`}>
        <input id="file" name="file" type="file" accept="application/json,.json" aria-describedby={describedBy("file", true)}
          className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" />
      </FormField>
      <FormField id="text" label="Or paste the JSON">
        <textarea id="text" name="text" rows={10} spellCheck={false} aria-describedby={describedBy("text")} className={inputClass(false, "font-mono text-xs")} />
      </FormField>
      <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={isPending}>{isPending ? "Checking…" : "Import"}</Button>
        <Link href="/servers" className={buttonClass("secondary")}>Cancel</Link>
      </div>
    </form>
  );
}
