"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { RestoreButton } from "./restore-button";

type Props = {
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  from: number; expected: number; cancelHref: string; children: ReactNode;
};

/**
 * Asks before a restore: shows the diff it will make (current → restored) in a modal dialog.
 * Only "Restore revision N" saves; Cancel, Escape and the close button leave everything as it was.
 */
export function RestoreDialog({ action, from, expected, cancelHref, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const cancel = () => router.replace(cancelHref, { scroll: false });
  return (
    <dialog ref={ref} aria-labelledby="restore-heading" onClose={cancel}
      className="m-auto max-h-[85vh] w-[min(44rem,92vw)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="restore-heading" className="text-base font-semibold text-slate-900">Restore revision {from}?</h2>
      <p className="mt-1 text-sm text-slate-700">Restoring saves revision {from} as a new revision. It makes these changes to the current revision {expected}:</p>
      {children}
      <div className="mt-5 flex flex-wrap items-start gap-3">
        <RestoreButton action={action} from={from} expected={expected} label={`Restore revision ${from}`} />
        <button type="button" className={buttonClass("secondary")} onClick={() => ref.current?.close()}>Cancel</button>
      </div>
    </dialog>
  );
}
