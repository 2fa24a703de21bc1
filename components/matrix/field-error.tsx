/** The error slot under one matrix field; `id` is what the input's aria-describedby names. */
export function FieldError({ id, messages }: { id: string; messages?: readonly string[] }) {
  return (
    <div id={id} aria-live="polite" aria-atomic="true">
      {messages?.map((m, i) => (
        <p key={i} className="mt-1 text-xs text-red-700">
          {m}
        </p>
      ))}
    </div>
  );
}

/** Compact input look for the dense matrix rows (the forms' inputClass is roomier). */
export function smallInputClass(hasError: boolean, extra = ""): string {
  const border = hasError ? "border-red-500 bg-red-50/40" : "border-slate-300 bg-white";
  return `block rounded-md border px-2 py-1 text-sm shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600/30 disabled:bg-slate-50 disabled:text-slate-400 ${border} ${extra}`;
}
