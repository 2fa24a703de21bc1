import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Shown (with status 403) when a signed-in user's role does not allow a page. */
export default function Forbidden() {
  return (
    <main className="flex items-center justify-center px-4 py-16">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-brand-700">403</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">Not allowed</h1>
        <p className="mt-2 text-sm text-slate-600">Your role does not allow this page. Ask an administrator if you need it.</p>
        <Link href="/servers" className={buttonClass("primary", "mt-6")}>Go to servers</Link>
      </div>
    </main>
  );
}
