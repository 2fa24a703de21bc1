import { UserPlus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { UserTable } from "./user-table";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<{ created?: string; reset?: string }> };

export default async function UsersPage(props: Props) {
  const me = await requireUser("admin", "/users");
  const [{ created, reset }, users] = await Promise.all([props.searchParams, listUsers()]);
  return (
    <>
      <Breadcrumbs items={[{ label: "Users" }]} />
      <PageHeader
        title="Users"
        description="Administrators manage users; editors change server profiles; viewers read, review and download."
        actions={<Link href="/users/new" className={buttonClass("primary")}><UserPlus className="size-4" aria-hidden="true" /> New user</Link>}
      />
      {created || reset ? (
        <div className="mb-4">
          <Notice tone="success">{created ? `Account ${created} created.` : "Password reset. Every session signed in with the old password has ended."}</Notice>
        </div>
      ) : null}
      <UserTable users={users} currentUserId={me.id} />
    </>
  );
}
