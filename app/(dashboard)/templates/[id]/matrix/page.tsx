import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { matrixStart } from "@/components/matrix/draft";
import { MatrixEditor } from "@/components/matrix/matrix-editor";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TemplateTabs } from "@/components/templates/template-tabs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { getTemplate } from "@/lib/data/templates";
import { saveTemplateMatrixAction } from "../../actions";

export const metadata: Metadata = { title: "Template port matrix" };

type Props = { params: Promise<{ id: string }> };

export default async function TemplateMatrixPage(props: Props) {
  const { id } = await props.params;
  const user = await requireUser("viewer", `/templates/${id}/matrix`);
  const template = await getTemplate(id);
  if (!template) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: "Templates", href: "/templates" }, { label: template.name, href: `/templates/${id}` }, { label: "Port matrix" }]} />
      <PageHeader title={`Port matrix: ${template.name}`}
        description="The policy every follower inherits. Saving makes a new template revision; followers change only when you apply it on the review page." />
      <TemplateTabs id={id} current="matrix" />
      <div className="mb-4">
        <Notice>
          “Administrator sources” stand for each follower&apos;s own administrator addresses, and SSH for its own SSH port. The warnings here
          assume a follower has administrator sources (documentation addresses stand in for them); the review page checks each follower with its real ones.
        </Notice>
      </div>
      <MatrixEditor review={{ href: `/templates/${id}/review`, label: "Review for followers" }} server={template.document.server}
        start={matrixStart(template.document.policy)} version={template.version} savedAt={template.updatedAt.toISOString()} isDefault={false}
        isReadOnly={!hasRole(user, "editor")} save={saveTemplateMatrixAction.bind(null, id)} />
    </>
  );
}
