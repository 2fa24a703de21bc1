import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getUserRow } from "@/lib/data/users";
import { userIdSchema } from "@/lib/validations/user";
import { resetPasswordAction } from "../../actions";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Reset password" };

export default async function ResetPasswordPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  await requireUser("admin", `/users/${id}/password`);
  const user = userIdSchema.safeParse(id).success ? await getUserRow(id) : null;
  if (!user) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: "Users", href: "/users" }, { label: user.name }, { label: "Reset password" }]} />
      <PageHeader title={`Reset the password of ${user.name}`} description={`${user.email}. Resetting signs this account out of every session, including yours if it is your own.`} />
      <PasswordForm action={resetPasswordAction.bind(null, user.id)} />
    </>
  );
}
