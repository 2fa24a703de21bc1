import clsx from "clsx";
import type { ReactNode } from "react";

export const inputClass = (hasError: boolean, className?: string) =>
  clsx(
    "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400",
    "focus:border-brand-600 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600/30",
    hasError ? "border-red-500" : "border-slate-300",
    className,
  );

type FieldProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  children: ReactNode;
};

/** Label, control, hint and an aria-live error slot; controls use `describedBy(id, …)`. */
export function FormField({ id, label, hint, errors, required, children }: FieldProps) {
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline gap-0.5">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {required ? <span className="text-sm text-red-600" aria-hidden="true">*</span> : null}
      </div>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite" aria-atomic="true">
        {errors?.map((message) => (
          <p key={message} className="text-sm text-red-700">
            {message}
          </p>
        ))}
      </div>
    </div>
  );
}

/** The `aria-describedby` value for a field made by FormField. */
export function describedBy(id: string, hasHint = false): string {
  return hasHint ? `${id}-hint ${id}-error` : `${id}-error`;
}
