"use client";

import { useEffect, useRef, type Dispatch } from "react";
import type { ServiceDraft } from "@/lib/validations/matrix-draft";
import type { DraftAction } from "./draft-reducer";
import { CARDS } from "./matrix-cards";
import { TICK_COLUMNS } from "./service-row";

type Props = {
  label: string;
  ids: readonly string[];
  /** The rows' names, for the question before switching them off. */
  names: readonly string[];
  services: Record<string, ServiceDraft>;
  isFiltered: boolean;
  isReadOnly: boolean;
  dispatch: Dispatch<DraftAction>;
};

/**
 * A category's heading row with its "toggle all" box (mixed when only some rows are on). Switching
 * services off closes their ports, so that asks first; switching them on does not.
 */
export function CategoryHeader({ label, ids, names, services, isFiltered, isReadOnly, dispatch }: Props) {
  const on = ids.filter((id) => services[id]?.enabled).length;
  const isAll = on === ids.length;
  const isMixed = on > 0 && !isAll;
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = isMixed;
  }, [isMixed]);
  const scope = isFiltered ? `all shown ${label} services` : `all ${label} services`;

  return (
    <tr className={CARDS.category}>
      <th scope="rowgroup" className={CARDS.categoryHeading}>
        {label} <span className="font-normal tracking-normal text-slate-600 normal-case">· {on} of {ids.length} on</span>
      </th>
      <td className={CARDS.categoryBox}>
        <label className="inline-flex items-center gap-2">
          <span className={CARDS.cardOnly}>All on</span>
          <input ref={box} type="checkbox" data-col={0} checked={isAll} disabled={isReadOnly}
            aria-label={`Enable ${scope}`} title={`Switch ${scope} ${isAll ? "off" : "on"}`}
            onChange={() => {
              const closing = ids.flatMap((id, i) => (services[id]?.enabled ? [names[i]] : []));
              if (isAll && !window.confirm(`Switch off ${closing.join(", ")}? Their ports close when you save.`)) return;
              dispatch({ type: "services-enabled", ids, enabled: !isAll });
            }}
            className="size-5 cursor-pointer accent-brand-600 md:size-4" />
        </label>
      </td>
      <td colSpan={TICK_COLUMNS.length} className={CARDS.categoryFill} />
    </tr>
  );
}
