"use client";

import type { Dispatch } from "react";
import { EXIM_REVERSE_DNS_MODES } from "@/lib/firewall/catalog/exim";
import { BACKENDS, type Backend, type Server } from "@/lib/firewall/policy/schema";
import { BACKEND_FACTS } from "@/lib/firewall/backends/facts";
import type { DraftAction, Settings } from "./draft-reducer";
import { smallInputClass } from "./field-error";
import { Labelled, SectionCard } from "./section-card";

type Props = { settings: Settings; server: Server; recommended: Backend; isReadOnly: boolean; dispatch: Dispatch<DraftAction> };

const OUTBOUND = [
  { value: "allow-all", label: "Allow all", hint: "The server may connect anywhere (the usual choice)." },
  { value: "restricted", label: "Restricted", hint: "Only ticked outbound services, outbound custom rules, DNS and NTP." },
] as const;

/** The profile-wide choices: backend, outbound policy, IPv6 and the Exim reverse-DNS check. */
export function PolicySettings({ settings, server, recommended, isReadOnly, dispatch }: Props) {
  const set = (patch: Partial<Settings>) => dispatch({ type: "settings", patch });
  return (
    <SectionCard id="settings" title="Firewall settings" description="Apply to the whole profile.">
      <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
        <Labelled htmlFor="backend" label="Firewall backend">
          <select id="backend" value={settings.backend} disabled={isReadOnly} aria-describedby="backend-hint"
            onChange={(e) => set({ backend: e.target.value as Backend })} className={smallInputClass(false, "w-full py-1.5")}>
            {BACKENDS.map((b) => <option key={b} value={b}>{BACKEND_FACTS[b].label}{b === recommended ? " (recommended)" : ""}</option>)}
          </select>
          <p id="backend-hint" className="mt-1 text-xs text-slate-500">
            {BACKEND_FACTS[recommended].label} is recommended for this operating system. The review page previews all six.
          </p>
        </Labelled>
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-700">Outbound traffic</legend>
          <div className="space-y-1.5">
            {OUTBOUND.map((o) => (
              <label key={o.value} className="flex items-start gap-2 text-sm">
                <input type="radio" name="outbound" value={o.value} checked={settings.outbound === o.value} disabled={isReadOnly}
                  onChange={() => set({ outbound: o.value })} className="mt-0.5 size-4 accent-brand-600" />
                <span><span className="font-medium text-slate-900">{o.label}</span> <span className="text-xs text-slate-500">{o.hint}</span></span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" role="switch" checked={settings.ipv6} disabled={isReadOnly} aria-describedby="ipv6-hint"
              onChange={(e) => set({ ipv6: e.target.checked })} className="mt-0.5 size-4 accent-brand-600" />
            <span className="font-medium text-slate-900">Filter IPv6</span>
          </label>
          <p id="ipv6-hint" className="mt-1 pl-6 text-xs text-slate-500">
            {server.ipv6 ? `This server has the IPv6 address ${server.ipv6}.` : "No IPv6 address is recorded, but a host can gain one without notice."}
            {" "}When off, IPv6 traffic is not filtered at all.
          </p>
        </div>
        {server.panel === "cpanel" ? (
          <Labelled htmlFor="exim-rdns" label="Exim: refuse SMTP clients without reverse DNS">
            <select id="exim-rdns" value={settings.eximReverseDns} disabled={isReadOnly} aria-describedby="exim-rdns-hint"
              onChange={(e) => set({ eximReverseDns: e.target.value as Settings["eximReverseDns"] })} className={smallInputClass(false, "w-full py-1.5")}>
              <option value="off">Off</option>
              {(Object.keys(EXIM_REVERSE_DNS_MODES) as (keyof typeof EXIM_REVERSE_DNS_MODES)[]).map((m) => (
                <option key={m} value={m}>{EXIM_REVERSE_DNS_MODES[m].label}</option>
              ))}
            </select>
            <p id="exim-rdns-hint" className="mt-1 text-xs text-slate-500">
              {settings.eximReverseDns === "off"
                ? "When on, the bundle includes an Exim ACL to paste into WHM's Exim Configuration Manager."
                : EXIM_REVERSE_DNS_MODES[settings.eximReverseDns].description}
            </p>
          </Labelled>
        ) : null}
      </div>
    </SectionCard>
  );
}
