"use client";

import { Plus, X } from "lucide-react";
import { useRef, useState, type Dispatch } from "react";
import { freeId } from "./draft";
import type { SourceList } from "@/lib/firewall/policy/schema";
import { ADMIN_LIST_ID } from "@/lib/firewall/policy/schema";
import { ADMIN_LIST_LABEL, describeReferences, webprosSourceList } from "@/lib/firewall/source-lists/references";
import { buttonClass } from "@/components/ui/button";
import { AwsRangesForm } from "./aws-ranges-form";
import type { DraftAction } from "./draft-reducer";

/** What every row needs to name its references; one object per draft, so memoised rows compare it by identity. */
export type ListInfo = { sourceLists: readonly SourceList[]; adminSources: readonly string[] };

type Props = { serviceId: string; name: string; refs: readonly string[] | undefined; info: ListInfo; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };

const plural = (n: number) => `${n} ${n === 1 ? "address" : "addresses"}`;

/**
 * A service's named source lists as chips (the name and its size, never the addresses), and the
 * "Add preset" panel: the administrators' addresses, the WebPros SEO scanner, or AWS ranges.
 */
export function SourcePresets({ serviceId, name, refs, info, isReadOnly, dispatch }: Props) {
  const [isOpen, setOpen] = useState(false);
  const addRef = useRef<HTMLButtonElement>(null);
  const chips = describeReferences(refs, { sourceLists: [...info.sourceLists] }, info.adminSources);
  const has = (ref: string) => (refs ?? []).includes(ref);
  const webpros = webprosSourceList();
  const add = (ref: string, list?: SourceList) => {
    dispatch({ type: "list-add", serviceId, ref, list });
    setOpen(false);
    addRef.current?.focus();
  };
  const remove = (ref: string) => {
    dispatch({ type: "list-remove", serviceId, ref });
    addRef.current?.focus();
  };
  const panelId = `svc-${serviceId}-presets`;
  const option = buttonClass("secondary", "justify-start px-2.5 py-1 text-xs");

  return (
    <div className="mb-2 space-y-2">
      {chips.length > 0 ? (
        <ul aria-label={`${name}: named source lists`} className="flex flex-wrap gap-1.5">
          {chips.map((c) => (
            <li key={c.id} className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pr-1 pl-2.5 text-xs text-brand-900">
              <span>{c.label} ({plural(c.count)})</span>
              <button type="button" disabled={isReadOnly} aria-label={`Remove ${c.label} from ${name}`} onClick={() => remove(c.id)}
                className="rounded-full p-0.5 hover:bg-brand-100 focus:outline-2 focus:outline-brand-600 disabled:opacity-50">
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button ref={addRef} type="button" disabled={isReadOnly} aria-expanded={isOpen} aria-controls={panelId}
        aria-label={`${name}: add preset`} onClick={() => setOpen((o) => !o)} className={buttonClass("ghost", "px-2 py-1 text-xs")}>
        <Plus className="size-3.5" aria-hidden="true" /> Add preset
      </button>
      {isOpen ? (
        <div id={panelId} role="group" aria-label={`${name}: presets`} className="space-y-2 rounded-md border border-slate-200 bg-white p-2">
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={isReadOnly || has(ADMIN_LIST_ID)} onClick={() => add(ADMIN_LIST_ID)} className={option}>
              {ADMIN_LIST_LABEL} ({plural(info.adminSources.length)})
            </button>
            <button type="button" disabled={isReadOnly || has(webpros.id)} onClick={() => add(webpros.id, webpros)} className={option}>
              {webpros.label} ({plural(webpros.addresses.length)})
            </button>
            {/* AWS lists another service already uses: shared by reference, no second upload. */}
            {info.sourceLists.filter((l) => l.origin === "aws-ip-ranges").map((l) => (
              <button key={l.id} type="button" disabled={isReadOnly || has(l.id)} onClick={() => add(l.id)} className={option}>
                {l.label} ({plural(l.addresses.length)})
              </button>
            ))}
          </div>
          <AwsRangesForm name={name} newId={freeId("aws", info.sourceLists)} disabled={isReadOnly} onAdd={(list) => add(list.id, list)} />
        </div>
      ) : null}
    </div>
  );
}
