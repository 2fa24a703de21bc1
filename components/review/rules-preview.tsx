"use client";

import clsx from "clsx";
import { Download } from "lucide-react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

export type PreviewFile = { path: string; installPath: string; description: string; content: string; lineCount: number; isTruncated: boolean };
export type BackendPreview = {
  backend: string;
  /** Short, for the tab; `fullLabel` names the product in the panel. */
  label: string;
  fullLabel: string;
  files: PreviewFile[];
  limitations: string[];
  /** Null while critical warnings wait for acknowledgement. */
  downloadHref: string | null;
  downloadLabel: string;
};

function FileView({ file }: { file: PreviewFile }) {
  const lines = file.content.replace(/\n$/, "").split("\n");
  return (
    <article className="overflow-hidden rounded-md border border-slate-200">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
        <div className="min-w-0">
          <h3 className="font-mono text-sm font-semibold text-slate-900">{file.path}</h3>
          <p className="text-xs text-slate-500">{file.description} Installs as <code className="font-mono">{file.installPath}</code>.</p>
        </div>
        {file.isTruncated ? (
          <span className="text-xs text-slate-500">Too long to copy here: download it</span>
        ) : (
          <CopyButton text={() => file.content} label={`Copy ${file.path}`} className="py-1 text-xs" />
        )}
      </header>
      <pre className="max-h-[28rem] overflow-auto bg-slate-950 py-2 text-[12.5px] leading-5 text-slate-100" aria-label={`Contents of ${file.path}`} tabIndex={0}>
        <code className="table min-w-full">
          {lines.map((line, i) => (
            <span key={i} className="table-row">
              <span className="table-cell w-12 pr-3 pl-3 text-right text-slate-400 select-none" aria-hidden="true">{i + 1}</span>
              <span className="table-cell pr-4 whitespace-pre">{line}</span>
            </span>
          ))}
        </code>
      </pre>
      {file.isTruncated ? (
        <p className="border-t border-slate-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          Showing the first {lines.length.toLocaleString("en-US")} of {file.lineCount.toLocaleString("en-US")} lines.
        </p>
      ) : null}
    </article>
  );
}

/** The rendered rule files of every backend, one tab each (arrow keys switch tabs). */
export function RulesPreview({ previews, initial }: { previews: BackendPreview[]; initial: string }) {
  const [active, setActive] = useState(Math.max(0, previews.findIndex((p) => p.backend === initial)));
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const base = useId();
  const current = previews[active]!;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = previews.length - 1;
    const next = { ArrowRight: active === last ? 0 : active + 1, ArrowLeft: active === 0 ? last : active - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    tabs.current[next]?.focus();
  };

  return (
    <div>
      <div role="tablist" aria-label="Firewall backends" onKeyDown={onKeyDown} className="flex flex-wrap gap-1 border-b border-slate-200">
        {previews.map((p, i) => (
          <button key={p.backend} ref={(el) => { tabs.current[i] = el; }} type="button" role="tab" id={`${base}-tab-${i}`}
            aria-selected={i === active} aria-controls={`${base}-panel`} tabIndex={i === active ? 0 : -1} onClick={() => setActive(i)}
            className={clsx("-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium",
              i === active ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900")}>
            {p.label}{p.backend === initial ? <span className="ml-1.5 rounded bg-brand-50 px-1.5 py-0.5 text-[11px] text-brand-800">chosen</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${active}`} className="space-y-3 pt-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-600">{current.files.length} {current.files.length === 1 ? "file" : "files"} for {current.fullLabel}.</p>
          {current.downloadHref ? (
            <a href={current.downloadHref} download className={buttonClass("secondary", "py-1.5")}>
              <Download className="size-4" aria-hidden="true" /> {current.downloadLabel}
            </a>
          ) : (
            <button type="button" disabled className={buttonClass("secondary", "py-1.5")} aria-describedby="downloads-blocked">
              <Download className="size-4" aria-hidden="true" /> {current.downloadLabel}
            </button>
          )}
        </div>
        {current.limitations.length > 0 ? (
          <ul className="list-disc rounded-md border border-amber-200 bg-amber-50 py-2 pr-3 pl-8 text-sm text-amber-900">
            {current.limitations.map((l) => <li key={l}>{l}</li>)}
          </ul>
        ) : null}
        {current.files.map((f) => <FileView key={f.path} file={f} />)}
      </div>
    </div>
  );
}
