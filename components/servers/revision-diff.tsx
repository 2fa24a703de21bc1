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
/** Colour follows exposure, never colour alone: each entry also carries its word and symbol (AA contrast on white). */
const RISK = {
  riskier: { label: "Riskier", icon: "▲", tone: "text-red-800", badge: "border-red-300 bg-red-50 text-red-800" },
  safer: { label: "Safer", icon: "▼", tone: "text-emerald-800", badge: "border-emerald-300 bg-emerald-50 text-emerald-800" },
  neutral: { label: "Neutral", icon: "●", tone: "text-slate-800", badge: "border-slate-300 bg-slate-50 text-slate-700" },
} as const;

type Props = { entries: DiffEntry[]; from: number | string; to: number | string; label?: string };

/** The diff of two revisions, grouped: opened and closed ports first, as they matter most. */
export function RevisionDiff({ entries, from, to, label = `Changes from revision ${from} to ${to}` }: Props) {
  if (entries.length === 0) return <p className="mt-4 text-sm text-slate-600">Revisions {from} and {to} are identical.</p>;
  const count = (risk: DiffEntry["risk"]) => entries.filter((e) => e.risk === risk).length;
  return (
    <div className="mt-4 space-y-4" aria-label={label} role="region">
      <p className="text-sm text-slate-700">
        {entries.length} change{entries.length === 1 ? "" : "s"} from revision {from} to revision {to}: {count("riskier")} riskier, {count("safer")} safer, {count("neutral")} neutral.
      </p>
      {HEADINGS.map(([kinds, title]) => {
        const group = entries.filter((e) => kinds.includes(e.kind));
        if (group.length === 0) return null;
        return (
          <div key={title}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
            <ul className="mt-1 space-y-0.5 font-mono text-sm">
              {group.map((e, i) => (
                <li key={i} className={clsx("flex items-baseline gap-2", RISK[e.risk].tone)} data-risk={e.risk}>
                  <span className={clsx("shrink-0 rounded border px-1.5 font-sans text-xs font-semibold", RISK[e.risk].badge)}>
                    <span aria-hidden="true">{RISK[e.risk].icon} </span>{RISK[e.risk].label}
                  </span>
                  <span><span aria-hidden="true">{MARK[e.change]} </span>{e.text}</span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
