import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import type { FieldErrors } from "@/lib/action-result";
import { NAME_MAX, NOTES_MAX, OS_OPTIONS, PANEL_OPTIONS } from "@/lib/validations/server-profile";
import type { ServerFormValues } from "./form-values";

type Props = { values: ServerFormValues; errors: FieldErrors };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      <div className="grid grid-cols-1 gap-5 md:grid-cols-2">{children}</div>
    </fieldset>
  );
}

export function ServerFormFields({ values, errors }: Props) {
  const text = (name: keyof ServerFormValues, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hasHint = false) => (
    <input id={name} name={name} defaultValue={values[name]} aria-invalid={!!errors[name]}
      aria-describedby={describedBy(name, hasHint)} className={inputClass(!!errors[name])} {...props} />
  );
  const select = (name: "os" | "panel", options: readonly { value: string; label: string }[]) => (
    <select id={name} name={name} defaultValue={values[name]} aria-invalid={!!errors[name]}
      aria-describedby={describedBy(name)} className={inputClass(!!errors[name])}>
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
  return (
    <>
      <Section title="Identity">
        <FormField id="name" label="Name" required errors={errors.name}
          hint={`Up to ${NAME_MAX} characters: letters, digits, spaces, . _ -, starting with a letter or digit`}>
          {text("name", { autoComplete: "off" }, true)}
        </FormField>
        <FormField id="hostname" label="Host name" errors={errors.hostname} hint="For example server1.example.com">
          {text("hostname", { autoComplete: "off", spellCheck: false }, true)}
        </FormField>
        <FormField id="ipv4" label="Primary IPv4 address" errors={errors.ipv4}>
          {text("ipv4", { autoComplete: "off", spellCheck: false, placeholder: "192.0.2.10" })}
        </FormField>
        <FormField id="ipv6" label="Primary IPv6 address" errors={errors.ipv6}>
          {text("ipv6", { autoComplete: "off", spellCheck: false, placeholder: "2001:db8::10" })}
        </FormField>
      </Section>
      <Section title="System">
        <FormField id="os" label="Operating system" required errors={errors.os}>
          {select("os", OS_OPTIONS)}
        </FormField>
        <FormField id="panel" label="Control panel" required errors={errors.panel}>
          {select("panel", PANEL_OPTIONS)}
        </FormField>
        <FormField id="sshPort" label="SSH port" required errors={errors.sshPort} hint="1–65535; 22 if left empty">
          {text("sshPort", { inputMode: "numeric", autoComplete: "off", className: inputClass(!!errors.sshPort, "max-w-32") }, true)}
        </FormField>
      </Section>
      <Section title="Access">
        <div className="md:col-span-2">
          <FormField id="adminSources" label="Administrator source addresses" errors={errors.adminSources}
            hint="Addresses or networks (CIDR) administrators connect from, one per line or comma separated, e.g. 203.0.113.0/24 or 2001:db8::/48.">
            <textarea id="adminSources" name="adminSources" rows={5} defaultValue={values.adminSources} spellCheck={false}
              aria-invalid={!!errors.adminSources} aria-describedby={describedBy("adminSources", true)}
              className={inputClass(!!errors.adminSources, "font-mono")} />
          </FormField>
        </div>
        <div className="md:col-span-2">
          <FormField id="tags" label="Tags" errors={errors.tags}
            hint="Free words to group servers by, separated by spaces or commas, e.g. shared-hosting eu-west. The server list filters by them.">
            <input id="tags" name="tags" type="text" defaultValue={values.tags} spellCheck={false}
              aria-invalid={!!errors.tags} aria-describedby={describedBy("tags", true)} className={inputClass(!!errors.tags)} />
          </FormField>
        </div>
        <div className="md:col-span-2">
          <FormField id="notes" label="Notes" errors={errors.notes} hint={`Up to ${NOTES_MAX} characters.`}>
            <textarea id="notes" name="notes" rows={4} defaultValue={values.notes}
              aria-invalid={!!errors.notes} aria-describedby={describedBy("notes", true)}
              className={inputClass(!!errors.notes)} />
          </FormField>
        </div>
      </Section>
    </>
  );
}
