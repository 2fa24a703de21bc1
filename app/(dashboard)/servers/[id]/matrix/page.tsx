import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MatrixEditor } from "@/components/matrix/matrix-editor";
import { ServerTabs } from "@/components/servers/server-tabs";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { getPolicyRecord } from "@/lib/data/policies";
import { getFollowing } from "@/lib/data/template-followers";
import { matrixStart } from "@/components/matrix/draft";
import { saveMatrixAction } from "./actions";

export const metadata: Metadata = { title: "Port matrix" };

type Props = { params: Promise<{ id: string }> };

export default async function MatrixPage(props: Props) {
  const { id } = await props.params;
  const user = await requireUser("viewer", `/servers/${id}/matrix`);
  const record = await getPolicyRecord(id);
  if (!record) notFound();
  const { reading } = record;
  const following = reading.ok ? await getFollowing(id, reading.document.policy) : null;

  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: record.name, href: `/servers/${id}` }, { label: "Port matrix" }]} />
      <PageHeader title={`Port matrix: ${record.name}`}
        description="Tick what this server offers and to whom. Warnings update as you go; nothing is stored until you save." />
      <ServerTabs id={id} current="matrix" />
      {!reading.ok ? (
        <Notice tone="error">
          {reading.message} <Link href={`/servers/${id}/edit`} className="font-medium underline">Edit the server</Link>
        </Notice>
      ) : (
        <>
          {reading.notice ? <div className="mb-4"><Notice>{reading.notice}</Notice></div> : null}
          <MatrixEditor review={{ href: `/servers/${id}/review`, label: "Review & download" }} server={reading.document.server}
            following={following ? { templateId: following.templateId, templateName: following.templateName, templateVersion: following.templateVersion, latestVersion: following.latestVersion, base: following.base } : undefined} start={matrixStart(reading.document.policy)}
            version={record.version} savedAt={record.savedAt.toISOString()} isDefault={reading.isDefault}
            isReadOnly={!hasRole(user, "editor")} save={saveMatrixAction.bind(null, id)} />
        </>
      )}
    </>
  );
}
