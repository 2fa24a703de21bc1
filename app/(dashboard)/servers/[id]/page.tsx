import { Copy, FileJson, Pencil, Trash2 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServerTabs } from "@/components/servers/server-tabs";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ResultForm } from "@/components/ui/result-form";
import { hasRole, requireUser } from "@/lib/auth/session";
import { getServerProfile } from "@/lib/data/server-profiles";
import { cloneServerAction } from "../actions";
import { ServerDetails } from "./server-details";
import { VerifyForm } from "./verify-form";
import { VERIFICATION_LABELS, verificationState } from "@/lib/verification-state";

export const metadata: Metadata = { title: "Server" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function ServerPage(props: Props) {
  const [{ id }, { saved }] = await Promise.all([props.params, props.searchParams]);
  const user = await requireUser("viewer", `/servers/${id}`);
  const profile = await getServerProfile(id);
  if (!profile) notFound();
  const canEdit = hasRole(user, "editor");

  const exportLink = (
    <>
      <a href={`/api/servers/${id}/export`} className={buttonClass("secondary")} download>
        <FileJson className="size-4" aria-hidden="true" /> Export JSON
      </a>
      <a href={`/api/servers/ansible?id=${encodeURIComponent(id)}`} className={buttonClass("secondary")} download>
        <FileJson className="size-4" aria-hidden="true" /> Export for Ansible
      </a>
    </>
  );
  const actions = canEdit ? (
    <>
      {exportLink}
      <Link href={`/servers/${id}/edit`} className={buttonClass("primary")}>
        <Pencil className="size-4" aria-hidden="true" /> Edit
      </Link>
      <ResultForm action={cloneServerAction.bind(null, id)}>
        <button type="submit" className={buttonClass("secondary")}>
          <Copy className="size-4" aria-hidden="true" /> Clone
        </button>
      </ResultForm>
      <Link href={`/servers/${id}/delete`} className={buttonClass("danger-outline")}>
        <Trash2 className="size-4" aria-hidden="true" /> Delete
      </Link>
    </>
  ) : exportLink;

  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: profile.name }]} />
      <PageHeader title={profile.name} description={profile.hostname || "No host name set"} actions={actions} />
      {saved ? (
        <div className="mb-4">
          <Notice tone="success">Server saved.</Notice>
        </div>
      ) : null}
      <ServerTabs id={id} current="details" />
      <ServerDetails profile={profile} />
      <section aria-labelledby="template-heading" className="mt-6 max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="template-heading" className="text-base font-semibold">Template</h2>
        {profile.template && profile.templateId ? (
          <p className="text-sm text-slate-700">
            Follows <Link href={`/templates/${profile.templateId}`} className="font-medium text-brand-700 underline">{profile.template.name}</Link> at
            revision {profile.templateVersion}
            {(profile.templateVersion ?? 0) < profile.template.version ? (
              <> (revision {profile.template.version} <Link href={`/templates/${profile.templateId}/review`} className="font-medium text-brand-700 underline">waits for review</Link>)</>
            ) : " (its latest)"}.
            {" "}The <Link href={`/servers/${id}/matrix#template`} className="font-medium text-brand-700 underline">port matrix</Link> shows what this server overrides.
          </p>
        ) : (
          <p className="text-sm text-slate-700">
            Follows no template.
            {canEdit ? (
              <>
                {" "}<Link href={`/servers/bulk?id=${encodeURIComponent(id)}`} className="font-medium text-brand-700 underline">Follow a template</Link> or
                {" "}<Link href={`/templates/new?from=${encodeURIComponent(id)}`} className="font-medium text-brand-700 underline">make a template from this server</Link>.
              </>
            ) : null}
          </p>
        )}
      </section>
      <section aria-labelledby="verify-heading" className="mt-6 max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="verify-heading" className="text-base font-semibold">Verify</h2>
        <p className="text-sm text-slate-700">
          Last verification: <strong>{VERIFICATION_LABELS[verificationState(profile)]}</strong>
          {profile.verifiedAt ? ` (${profile.verifySummary}, ${profile.verifiedAt.toISOString().slice(0, 16).replace("T", " ")} UTC)` : ""}.
          Run <code>sh verify.sh</code> from the bundle on the server (read-only) and upload the file it writes.
        </p>
        {canEdit ? <VerifyForm id={id} /> : null}
      </section>
    </>
  );
}
