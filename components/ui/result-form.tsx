"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  /** A server action with its arguments bound; it redirects on success or returns why it refused. */
  action: (prev: ActionResult | null) => Promise<ActionResult>;
  children: ReactNode;
  className?: string;
};

/** A form of one or two buttons whose action may refuse: shows the refusal beside the buttons. */
export function ResultForm({ action, children, className }: Props) {
  const [state, formAction, isPending] = useActionState<ActionResult | null>(action, null);
  return (
    <form action={formAction} className={className} aria-busy={isPending}>
      {children}
      <p aria-live="polite" role={state && !state.ok ? "alert" : undefined} className="basis-full text-sm text-red-700">
        {state && !state.ok ? state.message : null}
      </p>
    </form>
  );
}
