import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { ServerTabs } from "@/components/servers/server-tabs";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { getServerProfile } from "@/lib/data/server-profiles";
import { auditQuerySchema } from "@/lib/validations/audit";

export const metadata: Metadata = { title: "Server audit" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServerAuditPage(props: Props) {
  const [{ id }, searchParams] = await Promise.all([props.params, props.searchParams]);
  await requireUser("viewer", `/servers/${id}/audit`);
  const profile = await getServerProfile(id);
  if (!profile) notFound();
  const query = auditQuerySchema.parse(searchParams);
  const result = await listAuditEvents(query, id);
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: profile.name, href: `/servers/${id}` }, { label: "Audit" }]} />
      <PageHeader title={`Audit: ${profile.name}`} description={`Changes, acknowledgements and downloads of this server (${result.total}).`} />
      <ServerTabs id={id} current="audit" />
      <AuditTable items={result.items} showTarget={false} />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => `/servers/${id}/audit?page=${p}`} label="Audit pages" />
    </>
  );
}
