import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { safeCallback } from "@/lib/auth/callback-url";
import { getUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/data/users";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const searchParams = await props.searchParams;
  // Only same-site paths, so a crafted link cannot send a user elsewhere after sign-in.
  const callbackUrl = safeCallback(searchParams.callbackUrl);
  if (await getUser()) redirect(callbackUrl);

  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Sign in to plan firewall rules for your servers.</p>
      {searchParams.setup === "done" ? (
        <div className="mb-4">
          <Notice tone="success">Administrator account created. Sign in with it now.</Notice>
        </div>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
