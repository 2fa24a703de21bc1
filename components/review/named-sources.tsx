import type { SourceList } from "@/lib/firewall/policy/schema";
import { describeListOrigin, type ListUse } from "@/lib/firewall/source-lists/summary";

type Props = { uses: readonly ListUse[]; lists: readonly SourceList[] };

/** The services that allow named lists (by name, as REPORT.md says it) and where each list came from. */
export function NamedSources({ uses, lists }: Props) {
  return (
    <div className="space-y-3 text-sm">
      <ul className="space-y-1">
        {uses.map((u) => (
          <li key={u.service}><span className="font-medium text-slate-900">{u.service}:</span> {u.sources}</li>
        ))}
      </ul>
      {lists.length > 0 ? (
        <ul className="space-y-1 text-slate-600">
          {lists.map((l) => <li key={l.id}><span className="font-medium text-slate-800">{l.label}</span>: {describeListOrigin(l)}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
