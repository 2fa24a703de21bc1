import type { Access } from "@/lib/firewall/policy/schema";
import { fieldDomId } from "./dom-ids";
import { FieldError, smallInputClass } from "./field-error";

export const ACCESS_LABELS: Record<Access, string> = { anyone: "Anyone", admins: "Admin sources", list: "Address list" };

type SelectProps = { id: string; label: string; value: Access; disabled?: boolean; onChange: (access: Access) => void };

/** Who may connect: anyone, the server's administrator sources, or a list typed below. */
export function AccessSelect({ id, label, value, disabled, onChange }: SelectProps) {
  return (
    <select id={id} aria-label={label} value={value} disabled={disabled}
      onChange={(e) => onChange(e.target.value as Access)} className={smallInputClass(false, "w-full")}>
      {(Object.keys(ACCESS_LABELS) as Access[]).map((a) => <option key={a} value={a}>{ACCESS_LABELS[a]}</option>)}
    </select>
  );
}

type ListProps = { errorKey: string; label: string; value: string; errors?: string[]; disabled?: boolean; onChange: (text: string) => void };

/** The allowed-sources textarea; errors name the line, and nothing with an error is saved. */
export function SourcesList({ errorKey, label, value, errors, disabled, onChange }: ListProps) {
  const id = fieldDomId(errorKey);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={3} value={value} disabled={disabled} spellCheck={false}
        placeholder={"203.0.113.0/24\n2001:db8::/48"}
        aria-invalid={!!errors} aria-describedby={`${id}-hint ${id}-error`}
        onChange={(e) => onChange(e.target.value)} className={smallInputClass(!!errors, "w-full font-mono")} />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">One address or network (CIDR) per line; commas also separate.</p>
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
