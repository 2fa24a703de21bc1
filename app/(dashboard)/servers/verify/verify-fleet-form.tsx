"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/action-result";
import type { FleetVerifyItem } from "@/lib/data/verifications";
import { IMPORT_LIMIT_LABEL } from "@/lib/validations/import";
import { verifyFleetAction } from "./actions";

const OUTCOME: Record<FleetVerifyItem["outcome"], { label: string; className: string }> = {
  "in-sync": { label: "In sync", className: "text-emerald-800" },
  drift: { label: "Drifted", className: "text-red-800" },
  "not-verified": { label: "Not verified", className: "text-amber-900" },
};

function counts(items: readonly FleetVerifyItem[]): string {
  const n = (o: FleetVerifyItem["outcome"]) => items.filter((i) => i.outcome === o).length;
  const verified = n("in-sync") + n("drift");
  const parts = [`${verified} server${verified === 1 ? "" : "s"} verified: ${n("in-sync")} in sync, ${n("drift")} drifted`];
  if (n("not-verified") > 0) parts.push(`${n("not-verified")} file${n("not-verified") === 1 ? "" : "s"} not verified`);
  return `${parts.join("; ")}.`;
}

/** Upload many live files at once; each is matched to its server and verified, and the table says how each went. */
export function VerifyFleetForm() {
  const [state, formAction, isPending] = useActionState<ActionResult<FleetVerifyItem[]> | null, FormData>(verifyFleetAction, null);
  const items = state?.ok ? state.data : null;
  return (
    <div className="space-y-6">
      <form action={formAction} className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-busy={isPending}>
        <FormField id="live" label="Live files"
          hint={`Select every file of the live/ folder an Ansible run brought back (live/<host>.txt), or files verify.sh wrote (portcullis-live-<host>-<time>.txt). Each is matched to its server by the file name, else by the host recorded in it. At most ${IMPORT_LIMIT_LABEL} together.`}
          errors={state && !state.ok ? (state.fieldErrors.live ?? [state.message]) : undefined}>
          <input id="live" name="live" type="file" multiple accept="text/plain,.txt" aria-describedby={describedBy("live", true)}
            className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" />
        </FormField>
        <Button type="submit" disabled={isPending}>{isPending ? "Comparing…" : "Verify"}</Button>
      </form>
      <div aria-live="polite">
        {items ? (
          <section aria-labelledby="verify-results" className="space-y-3">
            <h2 id="verify-results" className="text-base font-semibold text-slate-900">Results</h2>
            <Notice tone={items.every((i) => i.outcome === "in-sync") ? "success" : "info"}>{counts(items)}</Notice>
            {/* Focusable, so the table scrolls by keyboard on a narrow screen even when no row has a link. */}
            <div role="region" aria-label="Verification of each file (scrolls sideways on a narrow screen)" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <caption className="sr-only">Verification of each uploaded file</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-3 py-2">File</th>
                    <th scope="col" className="px-3 py-2">Server</th>
                    <th scope="col" className="px-3 py-2">Result</th>
                    <th scope="col" className="px-3 py-2">Details</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {items.map((item, i) => (
                    <tr key={i} className="align-top">
                      <td className="px-3 py-2 font-mono text-xs break-all text-slate-700">{item.fileName}</td>
                      <td className="px-3 py-2">
                        {item.server ? (
                          <>
                            <Link href={`/servers/${item.server.id}`} className="rounded-sm font-medium text-brand-700 hover:underline">{item.server.name}</Link>
                            {item.via ? <div className="text-xs text-slate-600">by the {item.via}</div> : null}
                          </>
                        ) : <span className="text-slate-500">—</span>}
                      </td>
                      <td className={`px-3 py-2 font-medium whitespace-nowrap ${OUTCOME[item.outcome].className}`}>{OUTCOME[item.outcome].label}</td>
                      <td className="px-3 py-2 text-slate-700">
                        {item.summary}
                        {item.drift.length > 0 ? (
                          <ul aria-label={`Differences on ${item.server?.name ?? item.fileName}`} className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-slate-700">
                            {item.drift.map((d, j) => <li key={j}>{d}</li>)}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
      </div>
    </div>
  );
}
