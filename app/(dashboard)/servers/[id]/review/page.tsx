import { CircleCheck, Download, Lock } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcknowledgeForm } from "@/components/review/acknowledge-form";
import { ExposureChart } from "@/components/review/exposure-chart";
import { NamedSources } from "@/components/review/named-sources";
import { RulesPreview } from "@/components/review/rules-preview";
import { WarningGroups } from "@/components/review/warning-groups";
import { ServerTabs } from "@/components/servers/server-tabs";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth/session";
import { getReviewRecord } from "@/lib/data/policies";
import { assessPolicy, backendLabel, getCatalog, resolvePolicy } from "@/lib/firewall";
import { listUses } from "@/lib/firewall/source-lists/summary";
import { summarizeExposure } from "@/lib/firewall/exposure";
import { acknowledgeAction } from "./actions";
import { buildPreviews, targetsByWarning } from "./previews";

export const metadata: Metadata = { title: "Review & download" };

type Props = { params: Promise<{ id: string }> };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Card({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className ?? ""}`}>
      <h2 className="mb-4 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export default async function ReviewPage(props: Props) {
  const { id } = await props.params;
  const user = await requireUser("viewer", `/servers/${id}/review`);
  const record = await getReviewRecord(id);
  if (!record) notFound();
  const crumbs = <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: record.name, href: `/servers/${id}` }, { label: "Review & download" }]} />;
  const { reading } = record;
  if (!reading.ok) {
    return (
      <>
        {crumbs}
        <PageHeader title={`Review: ${record.name}`} />
        <ServerTabs id={id} current="review" />
        <Notice tone="error">{reading.message} <Link href={`/servers/${id}/edit`} className="font-medium underline">Edit the server</Link></Notice>
      </>
    );
  }

  const { document } = reading;
  const warnings = assessPolicy(document);
  const critical = warnings.filter((w) => w.severity === "critical");
  const canDownload = critical.length === 0 || record.acknowledgement !== null;
  const query = `?version=${record.version}`;
  const previews = buildPreviews(document, warnings, canDownload ? `/api/servers/${id}/rules/{backend}${query}` : null);
  const bundleHref = `/api/servers/${id}/bundle${query}`;
  const uses = listUses(resolvePolicy(document, getCatalog(document.server.panel)));

  return (
    <>
      {crumbs}
      <PageHeader title={`Review: ${record.name}`}
        description={<>Revision {record.version}, {reading.isDefault ? "starting choices (the matrix was never saved)" : `saved ${timeFormat.format(record.savedAt)} UTC`}. Chosen backend: {backendLabel(document.policy.backend)}.</>}
        actions={canDownload ? (
          <a href={bundleHref} download className={buttonClass("primary")}><Download className="size-4" aria-hidden="true" /> Download bundle (ZIP)</a>
        ) : (
          <button type="button" disabled aria-describedby="downloads-blocked" className={buttonClass("primary")}>
            <Lock className="size-4" aria-hidden="true" /> Download bundle (ZIP)
          </button>
        )} />
      <ServerTabs id={id} current="review" />
      <div className="space-y-6">
        {reading.isDefault ? <Notice>This reviews the starting choices. <Link href={`/servers/${id}/matrix`} className="font-medium underline">Open the port matrix</Link> to change and save them.</Notice> : null}
        {critical.length > 0 && record.acknowledgement ? (
          <Notice tone="success">
            Critical warnings acknowledged by {record.acknowledgement.userName} on {timeFormat.format(record.acknowledgement.createdAt)} UTC
            for revision {record.acknowledgement.profileVersion}: downloads are enabled.
          </Notice>
        ) : null}
        {!canDownload ? (
          <>
            <p id="downloads-blocked" className="text-sm text-red-800">
              Downloads are disabled: revision {record.version} has {critical.length} critical {critical.length === 1 ? "warning" : "warnings"} nobody has acknowledged.
            </p>
            {hasRole(user, "editor") ? (
              <AcknowledgeForm action={acknowledgeAction.bind(null, id, record.version)} warnings={critical.map((w) => ({ id: w.id, title: w.title }))} version={record.version} />
            ) : (
              <Notice tone="error">An editor or administrator must acknowledge them first.</Notice>
            )}
          </>
        ) : null}
        {critical.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-emerald-800"><CircleCheck className="size-4" aria-hidden="true" /> No critical warnings: the downloads are ready.</p>
        ) : null}
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Card title="Warnings">
            <WarningGroups warnings={warnings} targets={targetsByWarning(document, warnings)} matrixHref={`/servers/${id}/matrix`} />
          </Card>
          <Card title="Exposure">
            <ExposureChart summary={summarizeExposure(document)} />
          </Card>
        </div>
        {uses.length > 0 ? (
          <Card title="Named source lists">
            <NamedSources uses={uses} lists={document.policy.sourceLists ?? []} />
          </Card>
        ) : null}
        <Card title="Rule files">
          <RulesPreview previews={previews} initial={document.policy.backend} />
        </Card>
      </div>
    </>
  );
}
