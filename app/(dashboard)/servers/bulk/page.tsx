import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { resolveSelection, selectedServers } from "@/lib/data/bulk";
import { listTemplates } from "@/lib/data/templates";
import { panelLabel } from "@/lib/firewall/policy/os";
import { expectedErrorOf } from "@/lib/errors";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { BACKENDS } from "@/lib/firewall/policy/schema";
import { readSelection, selectionParams } from "@/lib/validations/bulk";
import { BulkForm } from "./bulk-form";

export const metadata: Metadata = { title: "Bulk action" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SHOWN = 30;

function toParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

export default async function BulkPage(props: Props) {
  const params = toParams(await props.searchParams);
  const user = await requireUser("viewer", `/servers/bulk?${params}`);
  const read = readSelection(params);
  const back = (
    <Link href="/servers" className={buttonClass("secondary")}>Back to the list</Link>
  );
  const header = (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: "Bulk action" }]} />
      <PageHeader title="Bulk action" description="Change, tag or export several servers at once. Each changed server gets its own revision; the audit trail names the bulk action." />
    </>
  );
  if (!read.ok || read.selection === null) {
    return (
      <>
        {header}
        <EmptyState title="No servers selected" action={back}>
          {read.ok ? "Tick servers in the list, or use “Act on all matching” after filtering it." : read.message}
        </EmptyState>
      </>
    );
  }
  let ids: string[];
  try {
    ids = await resolveSelection(read.selection);
  } catch (error) {
    const expected = expectedErrorOf(error);
    if (!expected) throw error;
    return (
      <>
        {header}
        <Notice tone="error">{expected.message}</Notice>
        <div className="mt-4">{back}</div>
      </>
    );
  }
  const servers = await selectedServers(ids);
  const exportQuery = selectionParams(read.selection, params).toString();
  const canEdit = hasRole(user, "editor");
  return (
    <>
      {header}
      {servers.length === 0 ? (
        <EmptyState title="No servers selected" action={back}>No server matches this selection any more.</EmptyState>
      ) : (
        <div className="space-y-6">
          <section aria-labelledby="selected-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="selected-heading" className="text-base font-semibold text-slate-900">
              {servers.length} server{servers.length === 1 ? "" : "s"} selected
            </h2>
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Selected servers">
              {servers.slice(0, SHOWN).map((s) => (
                <li key={s.id} className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-800">{s.name}</li>
              ))}
              {servers.length > SHOWN ? <li className="px-1 py-0.5 text-sm text-slate-600">and {servers.length - SHOWN} more</li> : null}
            </ul>
            <div className="mt-4 flex flex-wrap gap-2">
              <a href={`/api/servers/export?${exportQuery}`} className={buttonClass("secondary")} download>
                <Download className="size-4" aria-hidden="true" /> Export profiles
              </a>
              <a href={`/api/servers/ansible?${exportQuery}`} className={buttonClass("secondary")} download>
                <Download className="size-4" aria-hidden="true" /> Export for Ansible
              </a>
              {back}
            </div>
          </section>
          {canEdit ? (
            <section aria-labelledby="change-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id="change-heading" className="text-base font-semibold text-slate-900">Change the selected servers</h2>
              <p className="mt-1 text-sm text-slate-600">Preview first: nothing is saved until you apply the change.</p>
              <BulkForm ids={servers.map((s) => s.id)} backends={BACKENDS.map((b) => ({ id: b, label: backendLabel(b) }))}
                templates={(await listTemplates()).map((t) => ({ id: t.id, label: `${t.name} (${panelLabel(t.panel)}, revision ${t.version})` }))} />
            </section>
          ) : (
            <Notice tone="info">Viewers can export the selection; changing servers needs the editor role.</Notice>
          )}
        </div>
      )}
    </>
  );
}
