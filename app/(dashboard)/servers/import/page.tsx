import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import profiles" };

export default async function ImportPage() {
  await requireUser("editor", "/servers/import");
  return (
    <>
      <Breadcrumbs items={[{ label: "Servers", href: "/servers" }, { label: "Import" }]} />
      <PageHeader
        title="Import profiles"
        description="A profile file or an “export all” collection (or one part of a split one), with the tags and templates it carries (docs/profile-format.md). The whole file is checked first: it is imported completely or not at all."
        actions={
          <>
            <Link href="/servers/import/firewall" className={buttonClass("secondary")}>Import from a firewall</Link>
            <Link href="/servers/import/move-off-csf" className={buttonClass("secondary")}>Move off CSF</Link>
          </>
        }
      />
      <ImportForm />
    </>
  );
}
