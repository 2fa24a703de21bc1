import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServerTabs } from "@/components/servers/server-tabs";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { compareRevisions, listRevisions } from "@/lib/data/revisions";
import { getServerProfile } from "@/lib/data/server-profiles";
import { restoreRevisionAction } from "./actions";
import { RestoreDialog } from "./restore-dialog";
import { RevisionDiff } from "@/components/servers/revision-diff";

export const metadata: Metadata = { title: "Revisions" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const KIND_LABEL: Record<string, string> = { create: "Created", edit: "Details edited", matrix: "Matrix saved", restore: "Restored", import: "Imported", clone: "Cloned", bulk: "Bulk action", template: "Template update", follow: "Followed a template" };
const toVersion = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export default async function RevisionsPage(props: Props) {
  const [{ id }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const user = await requireUser("viewer", `/servers/${id}/revisions`);
  const [profile, revisions] = await Promise.all([getServerProfile(id), listRevisions(id)]);
  if (!profile) notFound();
  const versions = revisions.map((r) => r.version);
  const a = toVersion(searchParams.a) ?? versions[1];
  const b = toVersion(searchParams.b) ?? versions[0];
  const canCompare = a !== undefined && b !== undefined && versions.includes(a) && versions.includes(b);
  const diff = canCompare ? await compareRevisions(id, a, b) : null;
  const canRestore = hasRole(user, "editor");
  const restore = toVersion(searchParams.restore);
  const restoring = canRestore && restore !== undefined && restore !== profile.version && versions.includes(restore) ? restore : undefined;
  const restoreDiff = restoring !== undefined ? await compareRevisions(id, profile.version, restoring) : null;
  const here = (extra: Record<string, number | undefined>) => {
    const query = new URLSearchParams(Object.entries({ a, b, ...extra }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    return `/servers/${id}/revisions?${query.toString()}`;
  };
  const select = (name: "a" | "b", label: string, value: number | undefined) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`rev-${name}`} className="text-xs font-medium text-slate-600">{label}</label>
      <select id={`rev-${name}`} name={name} defaultValue={value} className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm">
        {versions.map((v) => <option key={v} value={v}>Revision {v}</option>)}
      </select>
    </div>
  );

  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: profile.name, href: `/servers/${id}` }, { label: "Revisions" }]} />
      <PageHeader title={`Revisions: ${profile.name}`} description="Every save keeps the whole profile; compare any two or restore an old one as a new save." />
      {searchParams.restored ? <div className="mb-4"><Notice tone="success">Restored as revision {searchParams.restored}.</Notice></div> : null}
      <ServerTabs id={id} current="revisions" />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
        <section aria-labelledby="compare-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm xl:col-span-3">
          <h2 id="compare-heading" className="text-sm font-semibold text-slate-900">Compare</h2>
          <form method="get" className="mt-3 flex flex-wrap items-end gap-3">
            {select("a", "From", a)}
            {select("b", "To", b)}
            <button type="submit" className={buttonClass("primary")}>Compare</button>
          </form>
          {diff && a !== undefined && b !== undefined ? <RevisionDiff entries={diff} from={a} to={b} /> : (
            <p className="mt-4 text-sm text-slate-600">Two revisions are needed to compare; save the profile to make one.</p>
          )}
        </section>
        <section aria-labelledby="list-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm xl:col-span-2">
          <h2 id="list-heading" className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">History ({revisions.length})</h2>
          <ol className="divide-y divide-slate-100">
            {revisions.map((r) => (
              <li key={r.version} className="flex items-start justify-between gap-3 px-5 py-3 text-sm" data-testid={`revision-${r.version}`}>
                <div>
                  <p className="font-medium text-slate-900">Revision {r.version} · {KIND_LABEL[r.kind] ?? r.kind}{r.version === profile.version ? " (current)" : ""}</p>
                  <p className="text-xs text-slate-600">{r.userName}, {timeFormat.format(r.createdAt)} UTC</p>
                </div>
                {canRestore && r.version !== profile.version ? (
                  <Link href={here({ restore: r.version })} scroll={false} className={buttonClass("secondary", "px-2.5 py-1")}>
                    Restore<span className="sr-only"> revision {r.version}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
      {restoring !== undefined && restoreDiff ? (
        <RestoreDialog key={restoring} action={restoreRevisionAction.bind(null, id)} from={restoring} expected={profile.version} cancelHref={here({})}>
          <RevisionDiff entries={restoreDiff} from={`${profile.version} (current)`} to={`${restoring} (restored)`}
            label={`Changes restoring revision ${restoring} makes`} />
        </RestoreDialog>
      ) : null}
    </>
  );
}
