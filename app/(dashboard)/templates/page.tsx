import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { listTemplates } from "@/lib/data/templates";
import { osLabel, panelLabel } from "@/lib/firewall/policy/os";

export const metadata: Metadata = { title: "Templates" };

type Props = { searchParams: Promise<{ deleted?: string }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function TemplatesPage(props: Props) {
  const { deleted } = await props.searchParams;
  const user = await requireUser("viewer", "/templates");
  const templates = await listTemplates();
  const canEdit = hasRole(user, "editor");
  const newLink = canEdit ? (
    <Link href="/templates/new" className={buttonClass("primary")}><Plus className="size-4" aria-hidden="true" /> New template</Link>
  ) : null;
  return (
    <>
      <Breadcrumbs items={[{ label: "Templates" }]} />
      <PageHeader title="Templates" actions={newLink}
        description="A template is the policy of one kind of server (“cPanel shared hosting”, “froxlor mail”). Servers follow it and may override parts; a change to the template is reviewed for every follower before it reaches them." />
      {deleted ? <div className="mb-4"><Notice tone="success">Template deleted.</Notice></div> : null}
      {templates.length === 0 ? (
        <EmptyState title="No templates yet" action={newLink}>
          Create one from a server whose policy fits a kind of server, or start from a panel&apos;s defaults. Then let servers follow it with the bulk action “Follow a template” in the server list.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Templates ({templates.length})</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2.5 font-semibold">Name</th>
                <th scope="col" className="px-3 py-2.5 font-semibold">Panel and system</th>
                <th scope="col" className="px-3 py-2.5 font-semibold">Revision</th>
                <th scope="col" className="px-3 py-2.5 font-semibold">Followers</th>
                <th scope="col" className="px-3 py-2.5 font-semibold">Saved (UTC)</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {templates.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2.5">
                    <Link href={`/templates/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.name}</Link>
                    {t.description ? <p className="max-w-md truncate text-xs text-slate-600">{t.description}</p> : null}
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">{panelLabel(t.panel)} · {osLabel(t.os)}</td>
                  <td className="px-3 py-2.5 text-slate-700">r{t.version}</td>
                  <td className="px-3 py-2.5">
                    <Link href={`/servers?template=${t.id}`} className="text-slate-800 hover:underline">{t.followers} server{t.followers === 1 ? "" : "s"}</Link>
                    {t.behind > 0 ? (
                      <Link href={`/templates/${t.id}/review`} className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 hover:underline">
                        {t.behind} to review
                      </Link>
                    ) : null}
                  </td>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{dateFormat.format(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
