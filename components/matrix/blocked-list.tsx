"use client";

import { useEffect, useMemo, useRef, useState, type Dispatch } from "react";
import { Button } from "@/components/ui/button";
import type { BlockedEntry } from "@/lib/firewall/policy/schema";
import type { DraftAction } from "./draft-reducer";
import { FieldError, smallInputClass } from "./field-error";
import { SectionCard } from "./section-card";

type Props = { value: string; entries: readonly BlockedEntry[]; errors?: string[]; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };

/** Above this size a paste is parsed once typing pauses, so a 100,000-line list stays responsive. */
const LARGE = 20_000;
/**
 * A saved list longer than this opens folded: laying out a text box of 100,000 lines takes the
 * browser seconds, and most visits to the matrix do not edit the list.
 */
const FOLD_LINES = 5_000;

function lineCount(text: string): number {
  if (text === "") return 0;
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * The blocked list: a bulk-paste box, read line by line (errors name the line). Its text is kept
 * here and handed to the draft after a short pause or when the box loses focus. Remount it (key)
 * to load a different text.
 */
export function BlockedList({ value, entries, errors, isReadOnly, dispatch }: Props) {
  const [text, setText] = useState(value);
  const [lines] = useState(() => lineCount(value));
  const [isOpen, setIsOpen] = useState(lines <= FOLD_LINES);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const flush = (next: string) => {
    clearTimeout(timer.current);
    if (next !== value) dispatch({ type: "blocked", text: next });
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // The entries keep their identity while the text is unchanged (readBlockedList caches).
  const v6 = useMemo(() => entries.filter((e) => e.address.includes(":")).length, [entries]);

  return (
    <SectionCard id="blocked" title="Blocked addresses"
      description="Always dropped, before any allow rule. Paste one address or network per line; add # and a comment to label a line.">
      {isOpen ? (
        <>
          <label htmlFor="blocked-list" className="sr-only">Blocked addresses, one per line</label>
          <textarea id="blocked-list" rows={6} value={text} disabled={isReadOnly} spellCheck={false}
            placeholder={"198.51.100.66 # Abuse reports\n2001:db8:bad::/48"} autoFocus={lines > FOLD_LINES}
            aria-invalid={!!errors} aria-describedby="blocked-summary blocked-error"
            onChange={(e) => {
              const next = e.target.value;
              setText(next);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => flush(next), next.length > LARGE ? 400 : 150);
            }}
            onBlur={() => flush(text)}
            className={smallInputClass(!!errors, "w-full font-mono")} />
        </>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setIsOpen(true)} aria-expanded={false}>
          {isReadOnly ? "Show" : "Show and edit"} the list ({lines.toLocaleString("en-US")} lines)
        </Button>
      )}
      <p id="blocked-summary" className="mt-1 text-xs text-slate-500">
        {entries.length === 0 ? "Nothing blocked." : `${entries.length.toLocaleString("en-US")} ${entries.length === 1 ? "entry" : "entries"}: ${(entries.length - v6).toLocaleString("en-US")} IPv4, ${v6.toLocaleString("en-US")} IPv6.`}
        {errors ? " Lines with errors are not saved until fixed." : ""}
      </p>
      <FieldError id="blocked-error" messages={errors} />
    </SectionCard>
  );
}
