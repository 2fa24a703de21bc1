import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TemplateTabs } from "@/components/templates/template-tabs";
import { UpdateReview } from "@/components/templates/update-review";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { previewTemplateUpdate } from "@/lib/data/template-followers";
import { getTemplate } from "@/lib/data/templates";
import { applyTemplateUpdateAction } from "../../actions";

export const metadata: Metadata = { title: "Review a template change" };

type Props = { params: Promise<{ id: string }> };

export default async function TemplateReviewPage(props: Props) {
  const { id } = await props.params;
  const user = await requireUser("viewer", `/templates/${id}/review`);
  const template = await getTemplate(id);
  if (!template) notFound();
  const preview = await previewTemplateUpdate(id);
  return (
    <>
      <Breadcrumbs items={[{ label: "Templates", href: "/templates" }, { label: template.name, href: `/templates/${id}` }, { label: "Review for followers" }]} />
      <PageHeader title={`Review revision ${template.version} for followers`}
        description="What the template's latest revision would change on each server that follows it. Nothing changes until you apply it; each server then gets its own revision, audited as this template update." />
      <TemplateTabs id={id} current="review" />
      <UpdateReview preview={preview} canEdit={hasRole(user, "editor")} apply={applyTemplateUpdateAction.bind(null, id)} />
    </>
  );
}
