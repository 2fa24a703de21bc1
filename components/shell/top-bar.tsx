import { CircleUserRound } from "lucide-react";
import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { Logo } from "./logo";
import { SignOutButton } from "./sign-out-button";

const ROLE_LABEL = { admin: "Administrator", editor: "Editor", viewer: "Viewer" } as const;

export function TopBar({ user }: { user: SessionUser }) {
  return (
    <header className="flex h-14 items-center justify-between border-b-4 border-accent-500 bg-brand-900 px-5 text-white">
      <Link href="/servers" className="flex items-center gap-2 rounded-sm text-lg font-semibold tracking-tight focus-visible:outline-white">
        <Logo className="size-6" />
        Portcullis
        <span className="hidden text-sm font-normal text-brand-100 md:inline">Firewall planner</span>
      </Link>
      <div className="flex items-center gap-3">
        <div className="flex items-center gap-2 text-sm" aria-label="Signed in user">
          <CircleUserRound className="size-5 text-brand-100" aria-hidden="true" />
          <span className="font-medium">{user.name}</span>
          <span className="rounded bg-white/15 px-1.5 py-0.5 text-xs text-brand-50">{ROLE_LABEL[user.role]}</span>
        </div>
        <SignOutButton />
      </div>
    </header>
  );
}
