import { Plus, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/** A titled card below the matrix; `id` is the anchor warnings link to. */
export function SectionCard({ id, title, description, actions, children }: {
  id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-32 rounded-lg border border-slate-200 bg-white shadow-sm target:ring-2 target:ring-amber-300">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">{title}</h2>
          {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      <div className="px-4 py-3">{children}</div>
    </section>
  );
}

/**
 * A small labelled control inside a card row. `context` ("Custom rule 2") is read by screen
 * readers before the visible label, so repeated rows have distinct names.
 */
export function Labelled({ htmlFor, label, context, children, className }: {
  htmlFor: string; label: string; context?: string; children: ReactNode; className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-700">
        {context ? <span className="sr-only">{context} </span> : null}{label}
      </label>
      {children}
    </div>
  );
}

type ButtonProps = { label: string; onClick: () => void; isDisabled: boolean; title?: string; isSmall?: boolean };

export function AddButton({ label, onClick, isDisabled, title, isSmall }: ButtonProps) {
  return (
    <button type="button" disabled={isDisabled} title={title} onClick={onClick}
      className={buttonClass("secondary", isSmall ? "px-2.5 py-1 text-xs" : "py-1.5")}>
      <Plus className={isSmall ? "size-3.5" : "size-4"} aria-hidden="true" /> {label}
    </button>
  );
}

export function RemoveButton({ label, onClick, isDisabled }: Omit<ButtonProps, "title" | "isSmall">) {
  return (
    <button type="button" disabled={isDisabled} onClick={onClick} aria-label={label}
      className={buttonClass("ghost", "mt-5 px-2 text-red-700 hover:bg-red-50")}>
      <Trash2 className="size-4" aria-hidden="true" />
    </button>
  );
}

/** The entries of a card, or what to do when there are none. */
export function EntryList({ empty, children }: { empty: string; children: ReactNode[] }) {
  if (children.length === 0) return <p className="py-2 text-sm text-slate-500">{empty}</p>;
  return <ul className="space-y-2">{children}</ul>;
}
