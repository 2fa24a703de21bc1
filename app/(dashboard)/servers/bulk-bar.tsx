"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";

export const SELECTION_FORM = "bulk-selection";

const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=id][form=${SELECTION_FORM}]`)];

/** The list's selection: how many are ticked, act on them, or on every server the filter finds. */
export function BulkBar({ total, allHref }: { total: number; allHref: string }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const update = () => setCount(boxes().filter((b) => b.checked).length);
    update();
    document.addEventListener("change", update);
    return () => document.removeEventListener("change", update);
  }, []);
  return (
    <form id={SELECTION_FORM} action="/servers/bulk" method="get" className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-700" aria-label="Bulk actions">
      <span aria-live="polite">{count === 0 ? "Tick servers to act on them together." : `${count} selected.`}</span>
      <button type="submit" className={buttonClass("secondary")} disabled={count === 0}>Act on selected</button>
      <Link href={allHref} className={buttonClass("ghost")}>Act on all {total.toLocaleString("en")} matching</Link>
    </form>
  );
}

/** Ticks or clears every server of the page. */
export function SelectAll({ label }: { label: string }) {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    const update = () => { const all = boxes(); setChecked(all.length > 0 && all.every((b) => b.checked)); };
    document.addEventListener("change", update);
    return () => document.removeEventListener("change", update);
  }, []);
  return (
    <input
      type="checkbox" aria-label={label} className="size-4" checked={checked}
      onChange={(e) => {
        for (const b of boxes()) b.checked = e.target.checked;
        setChecked(e.target.checked);
        document.dispatchEvent(new Event("change"));
      }}
    />
  );
}
