import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { FirewallImportForm } from "@/components/import/firewall-import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { createFirewallImportAction, reviewFirewallImportAction } from "./actions";

export const metadata: Metadata = { title: "Import from a firewall" };

export default async function FirewallImportPage() {
  await requireUser("editor", "/servers/import/firewall");
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: "Import", href: "/servers/import" }, { label: "From a firewall" }]} />
      <PageHeader
        title="Import from a firewall"
        description={<>Read a server&apos;s CSF, APF, iptables, nftables, UFW or firewalld configuration into a new server profile. You see the proposed profile and what could not be carried over before anything is stored. Leaving CSF? Use <Link href="/servers/import/move-off-csf" className="text-brand-700 underline">Move off CSF</Link>.</>}
      />
      <FirewallImportForm reviewAction={reviewFirewallImportAction} createAction={createFirewallImportAction} />
    </>
  );
}
