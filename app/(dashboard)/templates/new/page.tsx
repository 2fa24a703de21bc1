import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listServerChoices } from "@/lib/data/templates";
import { idParamSchema } from "@/lib/validations/download";
import { TemplateForm } from "./template-form";

export const metadata: Metadata = { title: "New template" };

type Props = { searchParams: Promise<{ from?: string }> };

export default async function NewTemplatePage(props: Props) {
  const { from } = await props.searchParams;
  await requireUser("editor", "/templates/new");
  const servers = await listServerChoices();
  const fromServerId = idParamSchema.safeParse(from).success && servers.some((s) => s.id === from) ? from! : "";
  return (
    <>
      <Breadcrumbs items={[{ label: "Templates", href: "/templates" }, { label: "New template" }]} />
      <PageHeader title="New template" description="Name the kind of server; its policy is edited in the template's port matrix next." />
      <TemplateForm servers={servers} fromServerId={fromServerId} />
    </>
  );
}
