import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionDiff } from "@/components/servers/revision-diff";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TemplateTabs } from "@/components/templates/template-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getTemplate, listTemplateRevisions, templateRevisionKind } from "@/lib/data/templates";

export const metadata: Metadata = { title: "Template revisions" };

type Props = { params: Promise<{ id: string }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function TemplateRevisionsPage(props: Props) {
  const { id } = await props.params;
  await requireUser("viewer", `/templates/${id}/revisions`);
  const [template, revisions] = await Promise.all([getTemplate(id), listTemplateRevisions(id)]);
  if (!template || !revisions) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: "Templates", href: "/templates" }, { label: template.name, href: `/templates/${id}` }, { label: "Revisions" }]} />
      <PageHeader title={`Revisions: ${template.name}`} description="Every saved revision is kept: followers merge from the revision they took. Each shows what changed from the one before." />
      <TemplateTabs id={id} current="revisions" />
      <ol className="space-y-3" aria-label="Template revisions, newest first">
        {revisions.map((r) => (
          <li key={r.version} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-sm">
              <span className="font-semibold text-slate-900">Revision {r.version}</span>
              <span className="text-slate-700"> · {templateRevisionKind(r.kind)} by {r.userName}, {dateFormat.format(r.createdAt)} UTC</span>
            </p>
            {r.changes ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">
                  {r.changes.length} change{r.changes.length === 1 ? "" : "s"} from revision {r.version - 1}
                </summary>
                <RevisionDiff entries={r.changes} from={r.version - 1} to={r.version} />
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
