import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { toFormValues } from "@/components/servers/form-values";
import { ServerForm } from "@/components/servers/server-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getServerProfile } from "@/lib/data/server-profiles";
import { updateServerAction } from "../../actions";

export const metadata: Metadata = { title: "Edit server" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ cloned?: string }> };

export default async function EditServerPage(props: Props) {
  const [{ id }, { cloned }] = await Promise.all([props.params, props.searchParams]);
  await requireUser("editor", `/servers/${id}/edit`);
  const profile = await getServerProfile(id);
  if (!profile) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: profile.name, href: `/servers/${id}` }, { label: "Edit" }]} />
      <PageHeader title={`Edit ${profile.name}`} />
      {cloned ? (
        <div className="mb-4">
          <Notice tone="success">Copy created. Give it its own name and addresses, then save.</Notice>
        </div>
      ) : null}
      <ServerForm action={updateServerAction.bind(null, id)} initial={toFormValues(profile)} version={profile.version}
        submitLabel="Save changes" cancelHref={`/servers/${id}`} />
    </>
  );
}
