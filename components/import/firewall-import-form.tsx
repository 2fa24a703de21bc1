"use client";

import Link from "next/link";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, FormField, inputClass } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { recommendedBackend } from "@/lib/firewall/policy/defaults";
import { osLabel, type OperatingSystem } from "@/lib/firewall/policy/os";
import type { Backend } from "@/lib/firewall/policy/schema";
import type { ImportReview } from "@/lib/import/firewall-review";
import { KIND_OPTIONS } from "@/lib/validations/firewall-import";
import { IMPORT_LIMIT_BYTES, IMPORT_LIMIT_LABEL } from "@/lib/validations/import";
import { OS_OPTIONS, PANEL_OPTIONS } from "@/lib/validations/server-profile";
import { ImportReviewPanel } from "./import-review";

type Failure = { message: string; fieldErrors: FieldErrors };

/** Which files each firewall's import reads (README, "Importing from a firewall"). */
const FILES_HINT: Record<Backend, string> = {
  csf: "csf.conf, csf.allow, csf.deny and the files they Include",
  apf: "conf.apf, allow_hosts.rules, deny_hosts.rules",
  iptables: "iptables-save and ip6tables-save output (rules.v4/rules.v6, /etc/sysconfig/iptables), ipset save",
  nftables: "nft -j list ruleset (JSON), nft list ruleset or nftables.conf",
  ufw: "user.rules, user6.rules, before.rules, ufw.conf, /etc/default/ufw, or ufw status verbose",
  firewalld: "zones, services, ipsets, policies and firewalld.conf",
};

/**
 * Two steps on one page: the files and choices, then the review. The files stay in the browser
 * between the steps: "Create server" sends the reviewed form data again with the review's
 * fingerprint, and the server imports it again (lib/import/firewall-upload.ts says why).
 */
type Props = {
  reviewAction: (data: FormData) => Promise<ActionResult<ImportReview>>;
  createAction: (data: FormData) => Promise<ActionResult>;
  /** The Move off CSF page: the files are CSF's, and the review compares. */
  moveOffCsf?: boolean;
};

export function FirewallImportForm({ reviewAction, createAction, moveOffCsf = false }: Props) {
  const [isPending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [review, setReview] = useState<ImportReview | null>(null);
  const [kind, setKind] = useState<Backend>("csf");
  const [os, setOs] = useState<OperatingSystem>("almalinux");
  const [target, setTarget] = useState<Backend | null>(null);
  const reviewed = useRef<FormData | null>(null);
  const errors = failure?.fieldErrors ?? {};
  const chosenTarget = target ?? recommendedBackend(os);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const size = data.getAll("files").reduce((n, f) => n + (f instanceof File ? f.size : 0), 0);
    if (size > IMPORT_LIMIT_BYTES) {
      setFailure({ message: "Nothing was sent.", fieldErrors: { files: [`The files are larger than ${IMPORT_LIMIT_LABEL} in all.`] } });
      return;
    }
    startTransition(async () => {
      const result = await reviewAction(data);
      if (!result.ok) return setFailure(result);
      reviewed.current = data;
      setFailure(null);
      setReview(result.data);
    });
  }

  function create() {
    const data = reviewed.current;
    if (!data || !review) return;
    data.set("digest", review.digest);
    startTransition(async () => {
      const result = await createAction(data);
      if (!result.ok) setFailure(result);
    });
  }

  function back() {
    setReview(null);
    setFailure(null);
    // The form is shown again on the next render; put the keyboard back where the user left it.
    requestAnimationFrame(() => document.getElementById("name")?.focus());
  }

  const select = (name: string, value: string, onChange: (v: string) => void, options: readonly { value: string; label: string }[]) => (
    <select id={name} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!errors[name]}
      aria-describedby={describedBy(name, name === "target")} className={inputClass(!!errors[name])}>
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
  const fileKind = moveOffCsf ? "csf" : kind;

  return (
    <div className="space-y-6">
      <ol aria-label="Steps" className="flex gap-2 text-sm">
        {["Files", "Review"].map((step, i) => {
          const current = (i === 1) === (review !== null);
          return (
            <li key={step} aria-current={current ? "step" : undefined}
              className={current ? "rounded-full bg-brand-600 px-3 py-1 font-medium text-white" : "rounded-full bg-slate-100 px-3 py-1 text-slate-700"}>
              {i + 1}. {step}
            </li>
          );
        })}
      </ol>
      {failure ? <Notice tone="error" id="import-error">{failure.message}</Notice> : null}
      <form onSubmit={submit} hidden={review !== null} noValidate aria-label="Files to import"
        className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
          {moveOffCsf ? <input type="hidden" name="kind" value="csf" /> : (
            <FormField id="kind" label="Firewall the files come from" required errors={errors.kind}>
              {select("kind", kind, (v) => setKind(v as Backend), KIND_OPTIONS)}
            </FormField>
          )}
          <FormField id="name" label="Server name" required errors={errors.name} hint="The new server's name in Portcullis.">
            <input id="name" name="name" autoComplete="off" required aria-invalid={!!errors.name} aria-describedby={describedBy("name", true)} className={inputClass(!!errors.name)} />
          </FormField>
          <FormField id="os" label="Operating system" required errors={errors.os}>
            {select("os", os, (v) => setOs(v as OperatingSystem), OS_OPTIONS)}
          </FormField>
          <FormField id="panel" label="Control panel" required errors={errors.panel}>
            <select id="panel" name="panel" defaultValue="cpanel" aria-describedby={describedBy("panel")} className={inputClass(!!errors.panel)}>
              {PANEL_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </FormField>
          <FormField id="target" label={moveOffCsf ? "New firewall" : "Firewall to render for"} required errors={errors.target}
            hint={`${backendLabel(recommendedBackend(os))} is recommended on ${osLabel(os)}.`}>
            {select("target", chosenTarget, (v) => setTarget(v as Backend), KIND_OPTIONS.map((o) => ({ ...o, label: o.value === recommendedBackend(os) ? `${o.label} (recommended)` : o.label })))}
          </FormField>
        </div>
        <FormField id="files" label="Files" required errors={errors.files}
          hint={<>The {backendLabel(fileKind)} files ({FILES_HINT[fileKind]}), or one .tar.gz of the folder, e.g. <code>tar czf {fileKind}.tgz -C /etc {fileKind}</code>. At most {IMPORT_LIMIT_LABEL} in all.</>}>
          <input id="files" name="files" type="file" multiple required aria-invalid={!!errors.files} aria-describedby={describedBy("files", true)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" />
        </FormField>
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-5">
          <Button type="submit" disabled={isPending}>{isPending ? "Reading…" : "Review import"}</Button>
          <Link href="/servers/import" className={buttonClass("secondary")}>Cancel</Link>
        </div>
      </form>
      {review ? <ImportReviewPanel review={review} isPending={isPending} onCreate={create} onBack={back} /> : null}
    </div>
  );
}
