import { CircleUserRound } from "lucide-react";
import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { Logo } from "./logo";
import { NavMenuButton } from "./nav-menu";
import { SignOutButton } from "./sign-out-button";

const ROLE_LABEL = { admin: "Administrator", editor: "Editor", viewer: "Viewer" } as const;

export function TopBar({ user }: { user: SessionUser }) {
  return (
    <header className="flex h-14 items-center justify-between gap-2 border-b-4 border-accent-500 bg-brand-900 px-2 text-white sm:px-5">
      <div className="flex min-w-0 items-center gap-1">
        <NavMenuButton />
        <Link href="/servers" className="flex shrink-0 items-center gap-2 rounded-sm text-lg font-semibold tracking-tight focus-visible:outline-white">
          <Logo className="size-6" />
          Portcullis
          <span className="hidden text-sm font-normal text-brand-100 md:inline">Firewall planner</span>
        </Link>
      </div>
      <div className="flex min-w-0 items-center gap-1 sm:gap-3">
        <div className="flex min-w-0 items-center gap-2 text-sm" aria-label="Signed in user">
          <CircleUserRound className="hidden size-5 shrink-0 text-brand-100 sm:block" aria-hidden="true" />
          <span className="max-w-28 truncate font-medium sm:max-w-none">{user.name}</span>
          <span className="hidden rounded bg-white/15 px-1.5 py-0.5 text-xs text-brand-50 sm:inline">{ROLE_LABEL[user.role]}</span>
        </div>
        <SignOutButton />
      </div>
    </header>
  );
}
