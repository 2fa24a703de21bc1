"use client";

import { useEffect, useRef } from "react";
import { WarningItem } from "@/components/warnings/warning-item";
import { Button } from "@/components/ui/button";
import type { OpenEntry } from "@/lib/firewall/import/summary";
import type { ImportReview } from "@/lib/import/firewall-review";
import { CsfComparison } from "./csf-comparison";
import { Panel, ScrollTable } from "./parts";

/** Sources shown per row; the rest are counted (the matrix lists them all once created). */
const SHOWN_SOURCES = 3;

type Props = { review: ImportReview; isPending: boolean; onCreate: () => void; onBack: () => void };

function OpenTable({ caption, rows }: { caption: string; rows: OpenEntry[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{caption}: none.</p>;
  return (
    <ScrollTable caption={caption} head={["Name", "Ports", "Protocol", "Direction", "Who"]}>
      {rows.map((r, i) => (
        <tr key={i} className="border-t border-slate-100 align-top">
          <th scope="row" className="py-1.5 pr-3 text-left font-medium text-slate-900">{r.name}</th>
          <td className="py-1.5 pr-3 font-mono text-xs">{r.ports}</td>
          <td className="py-1.5 pr-3">{r.protocols}</td>
          <td className="py-1.5 pr-3">{r.direction}</td>
          <td className="py-1.5 font-mono text-xs">
            {r.sources === "anyone" ? <span className="font-sans">anyone</span> : `${r.sources.slice(0, SHOWN_SOURCES).join(", ")}${r.sourceCount > SHOWN_SOURCES ? ` and ${r.sourceCount - SHOWN_SOURCES} more` : ""}`}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Step 2: the proposed profile and the findings side by side, the warnings, then "Create server". */
export function ImportReviewPanel({ review, isPending, onCreate, onBack }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { summary } = review;
  return (
    <section aria-labelledby="review-heading" className="space-y-6">
      <div>
        <h2 id="review-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
          Review: {review.server.name}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {review.kindLabel} files become a profile for {review.targetLabel} on {review.server.os} with {review.server.panel}. Nothing is stored until you create the server.
        </p>
        <details className="mt-2 text-sm text-slate-700">
          <summary className="cursor-pointer">{review.files.length} file{review.files.length === 1 ? "" : "s"} read{review.skipped.length > 0 ? `, ${review.skipped.length} skipped (not text)` : ""}</summary>
          <ul className="mt-1 list-disc pl-6 font-mono text-xs">
            {review.files.map((f) => <li key={f}>{f}</li>)}
            {review.skipped.map((f) => <li key={f}>{f} (skipped)</li>)}
          </ul>
        </details>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel title="Proposed profile">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Firewall</dt><dd>{review.targetLabel}</dd>
            <dt className="text-slate-600">IPv6</dt><dd>{summary.ipv6 ? "filtered like IPv4" : "not filtered"}</dd>
            <dt className="text-slate-600">Outbound</dt><dd>{summary.outbound === "allow-all" ? "everything allowed" : "only the listed ports"}</dd>
            <dt className="text-slate-600">Blocked</dt><dd>{summary.blocked.count.toLocaleString("en-US")} address{summary.blocked.count === 1 ? "" : "es"}</dd>
          </dl>
          <OpenTable caption="Services" rows={summary.services} />
          <OpenTable caption="Custom rules" rows={summary.customRules} />
          {summary.limits.length > 0 ? (
            <ScrollTable caption="Rate limits" head={["Ports", "Limit"]}>
              {summary.limits.map((l) => (
                <tr key={l.ports} className="border-t border-slate-100"><th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs">{l.ports}</th><td className="py-1.5">{l.text}</td></tr>
              ))}
            </ScrollTable>
          ) : <p className="text-sm text-slate-600">Rate limits: none.</p>}
          {summary.blocked.count > 0 ? (
            <details className="text-sm">
              <summary className="cursor-pointer">Blocked addresses{summary.blocked.count > summary.blocked.sample.length ? ` (first ${summary.blocked.sample.length})` : ""}</summary>
              <ul className="mt-1 max-h-60 overflow-y-auto pl-2 font-mono text-xs" tabIndex={0} aria-label="Blocked addresses">
                {summary.blocked.sample.map((b) => <li key={b.address}>{b.address}{b.comment ? <span className="font-sans text-slate-500"> – {b.comment}</span> : null}</li>)}
              </ul>
            </details>
          ) : null}
        </Panel>
        <Panel title={`Findings (${review.findingCount.toLocaleString("en-US")})`}>
          {review.findingCount === 0 ? <p className="text-sm text-slate-600">Nothing to report: every rule was carried over.</p> : (
            <ul aria-label="Findings" className="max-h-[36rem] space-y-2 overflow-y-auto pr-1" tabIndex={0}>
              {review.findings.map((f, i) => (
                <li key={i} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                  <p className="break-all font-mono text-xs text-slate-600">{f.file}{f.line > 0 ? `, line ${f.line}` : ""} · <span className={f.severity === "warning" ? "font-semibold text-amber-800" : "text-sky-800"}>{f.severity}</span></p>
                  <p className="break-words text-slate-800">{f.message}</p>
                </li>
              ))}
              {review.findingCount > review.findings.length ? <li className="text-sm text-slate-600">and {review.findingCount - review.findings.length} more (the CLI lists them all).</li> : null}
            </ul>
          )}
        </Panel>
      </div>
      <Panel title={`Warnings the imported profile raises (${review.warnings.length})`}>
        {review.warnings.length === 0 ? <p className="text-sm text-slate-600">No warnings.</p> : (
          <ul className="space-y-2">
            {review.warnings.map((w) => <WarningItem key={w.id} warning={w} targets={[]} hrefFor={() => "#review-heading"} />)}
          </ul>
        )}
      </Panel>
      {review.moveOff ? <CsfComparison moveOff={review.moveOff} targetLabel={review.targetLabel} /> : null}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-5">
        <Button onClick={onCreate} disabled={isPending}>{isPending ? "Creating…" : "Create server"}</Button>
        <Button variant="secondary" onClick={onBack} disabled={isPending}>Back to the files</Button>
        <p className="text-xs text-slate-500">Review fingerprint <code>{review.digest.slice(0, 16)}</code></p>
      </div>
    </section>
  );
}
