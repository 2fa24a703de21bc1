import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { EMPTY_SERVER_FORM } from "@/components/servers/form-values";
import { ServerForm } from "@/components/servers/server-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { createServerAction } from "../actions";

export const metadata: Metadata = { title: "New server" };

export default async function NewServerPage() {
  await requireUser("editor", "/servers/new");
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: "New server" }]} />
      <PageHeader title="New server" description="Describe the server; its firewall plan comes next." />
      <ServerForm action={createServerAction} initial={EMPTY_SERVER_FORM} submitLabel="Create server" cancelHref="/servers" />
    </>
  );
}
