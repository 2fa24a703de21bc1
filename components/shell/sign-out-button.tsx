"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SignOutButton() {
  const [isPending, setPending] = useState(false);
  const isHydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={isPending || !isHydrated}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/login" });
      }}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm whitespace-nowrap text-brand-100 hover:bg-white/10 hover:text-white focus-visible:outline-white sm:px-2.5"
    >
      <LogOut className="size-4" aria-hidden="true" />
      {/* Icon only on phones, where the header is short of room; the name stays for screen readers. */}
      <span className="sr-only sm:not-sr-only">{isPending ? "Signing out…" : "Sign out"}</span>
    </button>
  );
}
