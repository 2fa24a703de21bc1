import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { VerifyFleetForm } from "./verify-fleet-form";

export const metadata: Metadata = { title: "Verify servers" };

export default async function VerifyServersPage() {
  await requireUser("editor", "/servers/verify");
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: "Verify" }]} />
      <PageHeader
        title="Verify servers"
        description="Check many servers at once against their plans: upload the live files their bundles' read-only verify.sh wrote. Each verdict is kept on its server (the list's Verified column) and in the audit log."
      />
      <VerifyFleetForm />
    </>
  );
}
