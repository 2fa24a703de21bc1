import Link from "next/link";
import type { ReactNode } from "react";
import type { ServerProfile } from "@/lib/data/server-profiles";
import { osLabel, panelLabel } from "@/lib/firewall/policy/os";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const none = <span className="text-slate-500">Not set</span>;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 px-5 py-3">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="col-span-2 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function ServerDetails({ profile }: { profile: ServerProfile }) {
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
      <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm xl:col-span-2">
        <Row label="Host name">{profile.hostname || none}</Row>
        <Row label="IPv4 address"><span className="font-mono">{profile.ipv4 || none}</span></Row>
        <Row label="IPv6 address"><span className="font-mono">{profile.ipv6 || none}</span></Row>
        <Row label="Operating system">{osLabel(profile.os)}</Row>
        <Row label="Control panel">{panelLabel(profile.panel)}</Row>
        <Row label="SSH port"><span className="font-mono">{profile.sshPort}</span></Row>
        <Row label="Administrator sources">
          {profile.adminSources.length === 0 ? (
            <span className="text-slate-500">None: administrative ports will not be limited by source</span>
          ) : (
            <ul className="space-y-0.5 font-mono">
              {profile.adminSources.map((s) => <li key={s}>{s}</li>)}
            </ul>
          )}
        </Row>
        <Row label="Tags">
          {profile.tags.length === 0 ? none : profile.tags.map((t) => (
            <Link key={t} href={`/servers?tag=${encodeURIComponent(t)}`} className="mr-1.5 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:underline">{t}</Link>
          ))}
        </Row>
        <Row label="Notes">
          {profile.notes ? <p className="whitespace-pre-wrap">{profile.notes}</p> : none}
        </Row>
      </dl>
      <aside className="h-fit rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600 shadow-sm">
        <h2 className="mb-3 text-sm font-semibold text-slate-900">Record</h2>
        <p>Created {dateFormat.format(profile.createdAt)} UTC{profile.createdBy ? ` by ${profile.createdBy.name}` : ""}.</p>
        <p className="mt-1">Last saved {dateFormat.format(profile.updatedAt)} UTC (revision {profile.version}).</p>
        <p className="mt-3 text-slate-500">
          Plan its firewall in the <Link href={`/servers/${profile.id}/matrix`} className="font-medium text-brand-700 underline">port matrix</Link>,
          then <Link href={`/servers/${profile.id}/review`} className="font-medium text-brand-700 underline">review and download</Link> the rules.
        </p>
      </aside>
    </div>
  );
}
