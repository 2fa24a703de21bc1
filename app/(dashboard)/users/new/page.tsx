import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  await requireUser("admin", "/users/new");
  return (
    <>
      <Breadcrumbs items={[{ label: "Users", href: "/users" }, { label: "New user" }]} />
      <PageHeader title="New user" description="Give the person their initial password by a safe channel; they sign in with their email." />
      <NewUserForm />
    </>
  );
}
