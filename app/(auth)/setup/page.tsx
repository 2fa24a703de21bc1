import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { hasAnyUser } from "@/lib/data/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "First-run setup" };

export default async function SetupPage() {
  // Setup exists only until the first administrator does.
  if (await hasAnyUser()) redirect("/login");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome to Portcullis</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Create the administrator account. You will sign in with it next.
      </p>
      <SetupForm />
    </>
  );
}
