import { Download, Plus, ShieldCheck, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { hasRole, requireUser } from "@/lib/auth/session";
import { listServerProfiles, listTags } from "@/lib/data/server-profiles";
import { listTemplateChoices } from "@/lib/data/template-choices";
import { listSearchParams, readServerListQuery } from "@/lib/validations/server-list";
import { BulkBar } from "./bulk-bar";
import { SearchForm } from "./search-form";
import { ServerTable } from "./server-table";

function bulkAllParams(query: Parameters<typeof listSearchParams>[0]): URLSearchParams {
  const params = listSearchParams({ ...query, page: 1 });
  params.set("all", "1");
  return params;
}

export const metadata: Metadata = { title: "Servers" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServersPage(props: Props) {
  const user = await requireUser("viewer", "/servers");
  const searchParams = await props.searchParams;
  const { query, errors } = readServerListQuery(searchParams);
  const [result, tags, templates] = await Promise.all([listServerProfiles(query), listTags(), listTemplateChoices()]);
  const typed = typeof searchParams.q === "string" ? searchParams.q : "";
  const filtered = Object.keys(errors).length > 0 || listSearchParams({ ...query, sort: "created", dir: "desc" }).size > 0;
  const otherErrors = Object.entries(errors).filter(([key]) => key !== "q");
  const deleted = typeof searchParams.deleted === "string" ? searchParams.deleted : null;
  const bulk = typeof searchParams.bulk === "string" ? { what: searchParams.bulk.slice(0, 200), changed: Number(searchParams.changed) || 0, unchanged: Number(searchParams.unchanged) || 0 } : null;
  const count = (v: unknown) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null);
  const imported = count(searchParams.imported);
  const importedTemplates = count(searchParams.templates) ?? 0;
  const hrefFor = (page: number) => `/servers?${listSearchParams({ ...query, page })}`;
  // Viewers change nothing, so they are not offered the button (the action refuses them anyway).
  const canEdit = hasRole(user, "editor");
  const newButton = canEdit ? (
    <Link href="/servers/new" className={buttonClass("primary")}>
      <Plus className="size-4" aria-hidden="true" /> New server
    </Link>
  ) : null;
  const actions = (
    <>
      {result.total > 0 ? (
        <a href="/api/servers/export" className={buttonClass("secondary")} download>
          <Download className="size-4" aria-hidden="true" /> Export all
        </a>
      ) : null}
      {result.total > 0 ? (
        <a href="/api/servers/ansible" className={buttonClass("secondary")} download>
          <Download className="size-4" aria-hidden="true" /> Export all for Ansible
        </a>
      ) : null}
      {canEdit ? (
        <Link href="/servers/import" className={buttonClass("secondary")}>
          <Upload className="size-4" aria-hidden="true" /> Import
        </Link>
      ) : null}
      {canEdit && result.total > 0 ? (
        <Link href="/servers/verify" className={buttonClass("secondary")}>
          <ShieldCheck className="size-4" aria-hidden="true" /> Verify from live files
        </Link>
      ) : null}
      {result.total > 0 || filtered ? newButton : null}
    </>
  );

  return (
    <>
      <Breadcrumbs items={[{ label: "Servers" }]} />
      <PageHeader
        title="Servers"
        description="Each profile describes one hosting server whose firewall you plan."
        actions={actions}
      />
      {deleted ? (
        <div className="mb-4">
          <Notice tone="success">Server {deleted} was deleted.</Notice>
        </div>
      ) : null}
      {bulk ? (
        <div className="mb-4">
          <Notice tone="success">
            Bulk action “{bulk.what}”: {bulk.changed} server{bulk.changed === 1 ? "" : "s"} changed, each with its own revision{bulk.unchanged > 0 ? `; ${bulk.unchanged} already as asked` : ""}.
          </Notice>
        </div>
      ) : null}
      {imported !== null ? (
        <div className="mb-4">
          <Notice tone="success">
            Imported {imported} profile{imported === 1 ? "" : "s"}
            {importedTemplates > 0 ? ` and ${importedTemplates} template${importedTemplates === 1 ? "" : "s"}` : ""}.
          </Notice>
        </div>
      ) : null}
      {result.unindexed > 0 ? (
        <div className="mb-4">
          <Notice tone="info">
            {result.unindexed} server{result.unindexed === 1 ? " is" : "s are"} still being indexed for this list (after an upgrade, each load indexes
            the next batch): until then their columns are empty and searches by address, network or exposure leave them out. Reload to continue.
          </Notice>
        </div>
      ) : null}
      {otherErrors.length > 0 ? (
        <div className="mb-4">
          <Notice tone="error">Left out of the list: {otherErrors.map(([key, message]) => `${key}: ${message}`).join(" ")}</Notice>
        </div>
      ) : null}
      {result.total === 0 && !filtered ? (
        <EmptyState title="No servers yet" action={newButton}>
          Create a server profile for each cPanel &amp; WHM or froxlor machine: its addresses, operating system, SSH
          port and the addresses administrators connect from.
        </EmptyState>
      ) : (
        <>
          <SearchForm query={errors.q ? { ...query, q: typed } : query} tags={tags} templates={templates} error={errors.q} />
          {errors.q || result.total === 0 ? null : <BulkBar total={result.total} allHref={`/servers/bulk?${bulkAllParams(query)}`} />}
          {errors.q ? null : <ServerTable items={result.items} query={query} total={result.total} />}
          <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} label="Server list pages" />
        </>
      )}
    </>
  );
}
