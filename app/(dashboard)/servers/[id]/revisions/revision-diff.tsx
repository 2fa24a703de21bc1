import clsx from "clsx";
import type { DiffEntry } from "@/lib/firewall/diff";

const HEADINGS: [DiffEntry["kind"][], string][] = [
  [["port"], "Ports"],
  [["service"], "Services"],
  [["source"], "Sources"],
  [["block"], "Blocks"],
  [["rate-limit", "custom-rule"], "Rate limits and custom rules"],
  [["setting", "server"], "Settings and server details"],
];

const MARK = { added: "+", removed: "−", changed: "~" } as const;
const TONE = { added: "text-emerald-800", removed: "text-red-800", changed: "text-slate-800" } as const;

/** The diff of two revisions, grouped: opened and closed ports first, as they matter most. */
export function RevisionDiff({ entries, from, to }: { entries: DiffEntry[]; from: number; to: number }) {
  if (entries.length === 0) return <p className="mt-4 text-sm text-slate-600">Revisions {from} and {to} are identical.</p>;
  return (
    <div className="mt-4 space-y-4" aria-label={`Changes from revision ${from} to ${to}`} role="region">
      <p className="text-sm text-slate-700">{entries.length} change{entries.length === 1 ? "" : "s"} from revision {from} to revision {to}:</p>
      {HEADINGS.map(([kinds, title]) => {
        const group = entries.filter((e) => kinds.includes(e.kind));
        if (group.length === 0) return null;
        return (
          <div key={title}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
            <ul className="mt-1 space-y-0.5 font-mono text-sm">
              {group.map((e, i) => (
                <li key={i} className={clsx(TONE[e.change])}><span aria-hidden="true">{MARK[e.change]} </span>{e.text}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
