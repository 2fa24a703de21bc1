import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/data/audit";
import { auditQuerySchema } from "@/lib/validations/audit";
import { AuditFilters } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage(props: Props) {
  await requireUser("admin", "/audit");
  const query = auditQuerySchema.parse(await props.searchParams);
  const [result, options] = await Promise.all([listAuditEvents(query), listAuditFilterOptions()]);
  const hrefFor = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...query, page: String(page) }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
    return `/audit?${params}`;
  };
  return (
    <>
      <Breadcrumbs items={[{ label: "Audit log" }]} />
      <PageHeader title="Audit log" description={`Every change, download and sign-in, newest first (${result.total} matching).`} />
      <AuditFilters query={query} servers={options.servers} users={options.users} />
      <AuditTable items={result.items} showTarget />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} label="Audit log pages" />
    </>
  );
}
