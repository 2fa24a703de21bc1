"use client";

import { useId, useMemo, useState } from "react";
import type { SourceList } from "@/lib/firewall/policy/schema";
import { AWS_RANGES_MAX_BYTES, awsSourceList, readAwsIpRanges, regionsOf, type AwsIpRanges } from "@/lib/firewall/source-lists/aws-ip-ranges";
import { buttonClass } from "@/components/ui/button";
import { FieldError, smallInputClass } from "./field-error";

type Props = { name: string; newId: string; disabled: boolean; onAdd: (list: SourceList) => void };

/**
 * Read AWS's ip-ranges.json in the browser with the same zod parser the CLI uses, then pick a
 * service and a region. The file never leaves the browser: only the filtered list goes into the
 * profile, and the save action validates it again with the profile schema (addresses, names, size).
 */
export function AwsRangesForm({ name, newId, disabled, onAdd }: Props) {
  const id = useId();
  const [file, setFile] = useState<AwsIpRanges | null>(null);
  const [service, setService] = useState("");
  const [region, setRegion] = useState("");
  const [error, setError] = useState<string | null>(null);
  const regions = useMemo(() => (file && service ? regionsOf(file, [service]) : []), [file, service]);

  async function load(picked: File | undefined) {
    setFile(null);
    setError(null);
    if (!picked) return;
    if (picked.size > AWS_RANGES_MAX_BYTES) return setError(`The file is larger than ${AWS_RANGES_MAX_BYTES / 1024 / 1024} MB; AWS's ip-ranges.json is about 2 MB.`);
    const read = readAwsIpRanges(await picked.text());
    if (!read.ok) return setError(read.message);
    setFile(read.value);
    setService(read.value.services.includes("ROUTE53_HEALTHCHECKS") ? "ROUTE53_HEALTHCHECKS" : (read.value.services[0] ?? ""));
    setRegion("");
  }

  function add() {
    if (!file) return;
    const list = awsSourceList(file, { services: [service], regions: region ? [region] : [] }, newId);
    if (!list.ok) return setError(list.message);
    setError(null);
    onAdd(list.value);
  }

  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-2">
      <legend className="px-1 text-xs font-medium text-slate-700">AWS ranges (upload ip-ranges.json)</legend>
      <p id={`${id}-note`} className="text-xs text-slate-600">
        For cPanel&apos;s Site Quality Monitoring, which checks sites from Amazon Web Services: download ip-ranges.json from
        ip-ranges.amazonaws.com, choose it here, then pick the service and region to allow.
      </p>
      <label htmlFor={`${id}-file`} className="block text-xs font-medium text-slate-700">{name}: ip-ranges.json file</label>
      <input id={`${id}-file`} type="file" accept="application/json,.json" disabled={disabled}
        aria-describedby={`${id}-note ${id}-error`} onChange={(e) => void load(e.target.files?.[0])}
        className="block w-full text-xs file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1" />
      {file ? (
        <div className="flex flex-wrap items-end gap-2">
          <p className="w-full text-xs text-slate-600">File of {file.createDate} (syncToken {file.syncToken}): {file.ranges.length} ranges.</p>
          <div>
            <label htmlFor={`${id}-service`} className="block text-xs text-slate-700">AWS service</label>
            <select id={`${id}-service`} value={service} disabled={disabled} onChange={(e) => { setService(e.target.value); setRegion(""); }} className={smallInputClass(false)}>
              {file.services.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-region`} className="block text-xs text-slate-700">AWS region</label>
            <select id={`${id}-region`} value={region} disabled={disabled} onChange={(e) => setRegion(e.target.value)} className={smallInputClass(false)}>
              <option value="">All regions</option>
              {regions.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </div>
          <button type="button" disabled={disabled} onClick={add} className={buttonClass("secondary", "px-2.5 py-1 text-xs")}>Add AWS ranges</button>
        </div>
      ) : null}
      <FieldError id={`${id}-error`} messages={error ? [error] : undefined} />
    </fieldset>
  );
}
