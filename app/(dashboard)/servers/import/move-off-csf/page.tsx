import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { FirewallImportForm } from "@/components/import/firewall-import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { createFirewallImportAction, reviewFirewallImportAction } from "../firewall/actions";

export const metadata: Metadata = { title: "Move off CSF" };

export default async function MoveOffCsfPage() {
  await requireUser("editor", "/servers/import/move-off-csf");
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: "Import", href: "/servers/import" }, { label: "Move off CSF" }]} />
      <PageHeader
        title="Move off CSF"
        description="CSF is no longer maintained. Upload the server's /etc/csf (as a .tar.gz: tar czf csf.tgz -C /etc csf), pick the firewall to move to, and compare what CSF did with what the new rules will do, port by port and source by source, before the server is created."
      />
      <FirewallImportForm moveOffCsf reviewAction={reviewFirewallImportAction} createAction={createFirewallImportAction} />
    </>
  );
}
