"use client";

import clsx from "clsx";
import { KeyRound, LayoutTemplate, ScrollText, Server, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ID, useNavMenuState } from "./nav-menu";

const PLANNING = {
  title: "Planning",
  items: [
    { href: "/servers", label: "Servers", Icon: Server },
    { href: "/templates", label: "Templates", Icon: LayoutTemplate },
  ],
};
const ACCOUNT = { title: "Account", items: [{ href: "/account/tokens", label: "API tokens", Icon: KeyRound }] };
// Shown to administrators only; the pages and their actions check the role again.
const ADMINISTRATION = {
  title: "Administration",
  items: [
    { href: "/users", label: "Users", Icon: Users },
    { href: "/audit", label: "Audit log", Icon: ScrollText },
  ],
};

export function SideNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const { isOpen, close } = useNavMenuState();
  const sections = isAdmin ? [PLANNING, ACCOUNT, ADMINISTRATION] : [PLANNING, ACCOUNT];
  // Narrow screens: a full-width panel under the header while the menu is open; from `md` a sidebar.
  return (
    <nav id={NAV_ID} aria-label="Main"
      className={clsx("shrink-0 border-b border-slate-200 bg-white px-3 py-4 md:block md:w-56 md:border-r md:border-b-0", isOpen ? "block" : "hidden")}>
      {sections.map((section) => (
        <div key={section.title} className="mb-4">
          <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{section.title}</p>
          <ul className="space-y-0.5">
            {section.items.map(({ href, label, Icon }) => {
              const isActive = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <li key={href}>
                  <Link
                    href={href}
                    aria-current={isActive ? "page" : undefined}
                    onClick={close}
                    className={clsx(
                      "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm",
                      isActive ? "bg-brand-50 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100",
                    )}
                  >
                    <Icon className="size-4" aria-hidden="true" />
                    {label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
