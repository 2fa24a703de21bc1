import { Trash2 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TemplateDetailsForm } from "@/components/templates/template-details-form";
import { TemplateTabs } from "@/components/templates/template-tabs";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ResultForm } from "@/components/ui/result-form";
import { hasRole, requireUser } from "@/lib/auth/session";
import { getTemplate, listFollowers } from "@/lib/data/templates";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { osLabel, panelLabel } from "@/lib/firewall/policy/os";
import { deleteTemplateAction, updateTemplateDetailsAction } from "../actions";

export const metadata: Metadata = { title: "Template" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; applied?: string }> };

export default async function TemplatePage(props: Props) {
  const [{ id }, { created, applied }] = await Promise.all([props.params, props.searchParams]);
  const user = await requireUser("viewer", `/templates/${id}`);
  const template = await getTemplate(id);
  if (!template) notFound();
  const followers = await listFollowers(id);
  const canEdit = hasRole(user, "editor");
  const behind = followers.filter((f) => (f.templateVersion ?? 0) < template.version);
  const enabled = Object.values(template.policy.services).filter((c) => c.enabled).length;

  return (
    <>
      <Breadcrumbs items={[{ label: "Templates", href: "/templates" }, { label: template.name }]} />
      <PageHeader title={template.name} description={template.description || `A template for ${panelLabel(template.panel)} servers.`}
        actions={<Link href={`/templates/${id}/matrix`} className={buttonClass("primary")}>Open the port matrix</Link>} />
      {created ? <div className="mb-4"><Notice tone="success">Template created. Edit its policy in the port matrix; servers follow it through the server list&apos;s bulk action “Follow a template”.</Notice></div> : null}
      {applied ? <div className="mb-4"><Notice tone="success">{applied}</Notice></div> : null}
      <TemplateTabs id={id} current="overview" />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="facts-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="facts-heading" className="text-base font-semibold">Policy</h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">Panel</dt><dd>{panelLabel(template.panel)}</dd>
            <dt className="text-slate-600">Previewed on</dt><dd>{osLabel(template.os)}</dd>
            <dt className="text-slate-600">Revision</dt><dd>r{template.version}, saved {template.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</dd>
            <dt className="text-slate-600">Backend</dt><dd>{backendLabel(template.policy.backend)}</dd>
            <dt className="text-slate-600">Services on</dt><dd>{enabled}</dd>
            <dt className="text-slate-600">Custom rules</dt><dd>{template.policy.customRules.length}</dd>
            <dt className="text-slate-600">Blocked entries</dt><dd>{template.policy.blocked.length.toLocaleString("en")}</dd>
            <dt className="text-slate-600">Rate limits</dt><dd>{template.policy.rateLimits.length}</dd>
          </dl>
        </section>
        {canEdit ? (
          <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="details-heading" className="mb-3 text-base font-semibold">Details</h2>
            <TemplateDetailsForm action={updateTemplateDetailsAction.bind(null, id)} name={template.name} description={template.description} />
          </section>
        ) : null}
      </div>

      <section aria-labelledby="followers-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="followers-heading" className="text-base font-semibold">Followers ({followers.length})</h2>
          {behind.length > 0 ? (
            <Link href={`/templates/${id}/review`} className={buttonClass("primary")}>Review revision {template.version} for {behind.length} server{behind.length === 1 ? "" : "s"}</Link>
          ) : null}
        </div>
        {followers.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            No server follows this template yet. In the <Link href="/servers" className="font-medium text-brand-700 underline">server list</Link>, select servers and choose the bulk action “Follow a template”.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Servers following this template">
            {followers.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <Link href={`/servers/${f.id}/matrix`} className="font-medium text-brand-700 hover:underline">{f.name}</Link>
                {(f.templateVersion ?? 0) < template.version ? (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">at r{f.templateVersion}, r{template.version} to review</span>
                ) : (
                  <span className="text-xs text-emerald-800">at r{f.templateVersion} (latest)</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="delete-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="delete-heading" className="text-base font-semibold">Delete the template</h2>
          <p className="mt-1 text-sm text-slate-600">Only a template nobody follows can be deleted; followers keep their rules when they stop following it.</p>
          <ResultForm action={deleteTemplateAction.bind(null, id)} className="mt-3 flex flex-wrap items-center gap-3">
            <button type="submit" className={buttonClass("danger-outline")} disabled={followers.length > 0}>
              <Trash2 className="size-4" aria-hidden="true" /> Delete {template.name}
            </button>
          </ResultForm>
        </section>
      ) : null}
    </>
  );
}
