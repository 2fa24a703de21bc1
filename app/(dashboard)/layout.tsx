import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NavMenuProvider } from "@/components/shell/nav-menu";
import { SideNav } from "@/components/shell/side-nav";
import { TopBar } from "@/components/shell/top-bar";
import { REQUEST_PATH_HEADER, requiredRoleFor } from "@/lib/auth/page-roles";
import { hasRole, requireUser } from "@/lib/auth/session";

const SKIP_LINK = "sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-30 focus:rounded focus:bg-white focus:px-3 focus:py-2";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Checked here, before the loading boundary streams a 200, so a page the role does not allow
  // answers 403. Pages check again themselves: a layout does not re-run on every navigation.
  const requested = (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
  const user = await requireUser(requiredRoleFor(new URL(requested, "http://x").pathname), requested === "/" ? undefined : requested);
  return (
    <div className="flex min-h-screen flex-col">
      {/* Pages add their own skip links here (the matrix: "Skip to Save"). */}
      <div id="skip-links">
        <a href="#content" className={SKIP_LINK}>Skip to content</a>
      </div>
      <NavMenuProvider>
        <TopBar user={user} />
        <div className="flex flex-1 flex-col md:flex-row">
          <SideNav isAdmin={hasRole(user, "admin")} />
          <main id="content" className="min-w-0 flex-1 px-4 py-6 md:px-8">
            <div className="mx-auto max-w-6xl">{children}</div>
          </main>
        </div>
      </NavMenuProvider>
    </div>
  );
}
