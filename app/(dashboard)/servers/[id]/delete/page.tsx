import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ResultForm } from "@/components/ui/result-form";
import { requireUser } from "@/lib/auth/session";
import { getServerProfile } from "@/lib/data/server-profiles";
import { deleteServerAction } from "../../actions";

export const metadata: Metadata = { title: "Delete server" };

/** The confirmation step: a GET only shows this page; deleting takes the POST of its form. */
export default async function DeleteServerPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  await requireUser("editor", `/servers/${id}/delete`);
  const profile = await getServerProfile(id);
  if (!profile) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: profile.name, href: `/servers/${id}` }, { label: "Delete" }]} />
      <PageHeader title={`Delete ${profile.name}?`} />
      <div className="max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
        <p className="text-sm text-slate-700">
          The profile <strong>{profile.name}</strong>
          {profile.hostname ? <> ({profile.hostname})</> : null} and everything planned for it will be removed. This
          cannot be undone.
        </p>
        <ResultForm action={deleteServerAction.bind(null, id)} className="mt-6 flex flex-wrap gap-3">
          <button type="submit" className={buttonClass("danger")}>Delete server</button>
          <Link href={`/servers/${id}`} className={buttonClass("secondary")}>Cancel</Link>
        </ResultForm>
      </div>
    </>
  );
}
