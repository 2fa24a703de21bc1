"use client";

import clsx from "clsx";
import { useState } from "react";
import type { ImportReview } from "@/lib/import/firewall-review";
import type { PortRow } from "@/lib/firewall/import/view";
import { Panel, ScrollTable } from "./parts";

type MoveOff = NonNullable<ImportReview["moveOff"]>;

const portsText = (r: { from: number; to: number }) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`);
const laneText = (lane: string) => lane.replace("tcp", "TCP").replace("udp", "UDP").replace("ipv4", "IPv4").replace("ipv6", "IPv6");

function Status({ same }: { same: boolean }) {
  return <span className={clsx("rounded px-1.5 py-0.5 text-xs font-medium", same ? "bg-emerald-50 text-emerald-800" : "bg-amber-100 text-amber-900")}>{same ? "same" : "differs"}</span>;
}

const cell = (open: boolean, unfiltered: boolean) => (
  <td className={clsx("py-1.5 pr-3", open ? "text-slate-900" : "text-slate-500")}>{unfiltered ? "unfiltered" : open ? "open" : "closed"}</td>
);

function PortRows({ rows, unfiltered }: { rows: PortRow[]; unfiltered: readonly string[] }) {
  const free = (r: PortRow, family: "ipv4" | "ipv6") => unfiltered.includes(`${r.direction} ${r.protocol} ${family}`);
  return rows.map((r, i) => (
    <tr key={i} className={clsx("border-t border-slate-100", !r.same && "bg-amber-50/60")}>
      <td className="py-1.5 pr-3">{r.direction === "inbound" ? "in" : "out"}</td>
      <td className="py-1.5 pr-3">{r.protocol.toUpperCase()}</td>
      <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs">{portsText(r.ports)}</th>
      {cell(r.before.ipv4, free(r, "ipv4"))}{cell(r.after.ipv4, free(r, "ipv4"))}{cell(r.before.ipv6, free(r, "ipv6"))}{cell(r.after.ipv6, free(r, "ipv6"))}
      <td className="py-1.5"><Status same={r.same} /></td>
    </tr>
  ));
}

/** Move off CSF: what CSF did beside what the new rules will do, and what the new firewall cannot express. */
export function CsfComparison({ moveOff, targetLabel }: { moveOff: MoveOff; targetLabel: string }) {
  const { comparison: c, limitations } = moveOff;
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const ports = onlyDifferences ? c.ports.filter((r) => !r.same) : c.ports;
  const sources = onlyDifferences ? c.sources.filter((r) => !r.same) : c.sources;
  return (
    <Panel title={`CSF beside ${targetLabel}`}>
      <p className={clsx("rounded-md px-3 py-2 text-sm", c.differences === 0 ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900")} role="status">
        {c.differences === 0 ? `The new rules let through exactly what CSF did, port by port and source by source.` : `${c.differences} difference${c.differences === 1 ? "" : "s"} between what CSF did and what the new rules will do (highlighted). The findings say why.`}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} className="size-4" />
        Show only differences
      </label>
      {c.unfiltered.length > 0 ? <p className="text-sm text-slate-700">Open on every port in CSF and in the new rules (not filtered): {c.unfiltered.map(laneText).join(", ")}.</p> : null}
      <ScrollTable caption="Ports open to everyone" head={["Direction", "Protocol", "Ports", "IPv4 CSF", `IPv4 ${targetLabel}`, "IPv6 CSF", `IPv6 ${targetLabel}`, "Status"]}>
        <PortRows rows={ports} unfiltered={c.unfiltered} />
      </ScrollTable>
      {ports.length === 0 ? <p className="text-sm text-slate-600">{onlyDifferences ? "No port differs." : "No port is open to everyone."}</p> : null}
      <ScrollTable caption="Ports open to one source (csf.allow)" head={["Source", "Protocol", "CSF", targetLabel, "Status"]}>
        {sources.map((r) => (
          <tr key={`${r.source} ${r.protocol}`} className={clsx("border-t border-slate-100", !r.same && "bg-amber-50/60")}>
            <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs">{r.source}</th>
            <td className="py-1.5 pr-3">{r.protocol.toUpperCase()}</td>
            <td className="py-1.5 pr-3 font-mono text-xs">{r.before}</td>
            <td className="py-1.5 pr-3 font-mono text-xs">{r.after}</td>
            <td className="py-1.5"><Status same={r.same} /></td>
          </tr>
        ))}
      </ScrollTable>
      {sources.length === 0 ? <p className="text-sm text-slate-600">{onlyDifferences ? "No source differs." : "No source has ports of its own."}</p> : null}
      {moveOff.sourceRowCount > c.sources.length ? <p className="text-sm text-slate-600">and {moveOff.sourceRowCount - c.sources.length} more sources.</p> : null}
      <p className="text-sm text-slate-700">Deny list: {c.denied.same.toLocaleString("en-US")} address{c.denied.same === 1 ? "" : "es"} blocked the same way{c.denied.differing > 0 ? `, ${c.denied.differing} differently:` : "."}</p>
      {c.denied.rows.length > 0 ? (
        <ScrollTable caption="Deny list differences" head={["Address", "CSF blocks", `${targetLabel} blocks`]}>
          {c.denied.rows.map((r) => (
            <tr key={r.address} className="border-t border-slate-100 bg-amber-50/60">
              <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs">{r.address}</th>
              <td className="py-1.5 pr-3">{r.before ?? "nothing"}</td>
              <td className="py-1.5">{r.after ?? "nothing"}</td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {c.limits.length > 0 ? (
        <ScrollTable caption="Rate limits per source" head={["Ports", "CSF", targetLabel, "Status"]}>
          {c.limits.map((r) => (
            <tr key={r.ports} className={clsx("border-t border-slate-100", !r.same && "bg-amber-50/60")}>
              <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs">{r.ports}</th>
              <td className="py-1.5 pr-3">{r.before ?? "none"}</td>
              <td className="py-1.5 pr-3">{r.after ?? "none"}</td>
              <td className="py-1.5"><Status same={r.same} /></td>
            </tr>
          ))}
        </ScrollTable>
      ) : <p className="text-sm text-slate-600">Rate limits: none on either side.</p>}
      <h4 className="text-sm font-semibold text-slate-900">What {targetLabel} cannot express</h4>
      {limitations.length === 0 ? <p className="text-sm text-slate-600">Nothing: {targetLabel} enforces everything in this profile.</p> : (
        <ul aria-label={`What ${targetLabel} cannot express`} className="list-disc space-y-1 pl-6 text-sm text-amber-900">
          {limitations.map((l) => <li key={l.id + l.detail}>{l.detail}</li>)}
        </ul>
      )}
    </Panel>
  );
}
