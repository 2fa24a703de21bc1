"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

export const NAV_ID = "main-nav";

type NavMenu = { isOpen: boolean; setOpen: (open: boolean) => void; button: RefObject<HTMLButtonElement | null> };

const NavMenuContext = createContext<NavMenu | null>(null);

function useNavMenu(): NavMenu {
  const menu = useContext(NavMenuContext);
  if (!menu) throw new Error("NavMenuButton and SideNav belong inside NavMenuProvider");
  return menu;
}

/**
 * Below the `md` breakpoint the side navigation folds into a menu opened from the header. It
 * closes on Escape (focus back on the button) and when a link navigates (the page changed).
 */
export function NavMenuProvider({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Following a link closes the menu (a link to the page already shown included, see SideNav).
  const pathname = usePathname();
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    // Adjusting state while rendering (not in an effect), as React's docs advise for "reset on prop change".
    setShownPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!isOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // From `md` up the button is hidden and the navigation always shown: nothing to close.
      if (event.key !== "Escape" || !button.current?.checkVisibility()) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    // Opening moves focus to the first link, so Tab continues through the menu.
    document.getElementById(NAV_ID)?.querySelector<HTMLElement>("a")?.focus();
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [isOpen]);

  return <NavMenuContext value={{ isOpen, setOpen, button }}>{children}</NavMenuContext>;
}

/** The header's "Menu" button; hidden from `md` up, where the navigation is always shown. */
export function NavMenuButton() {
  const { isOpen, setOpen, button } = useNavMenu();
  const Icon = isOpen ? X : Menu;
  return (
    <button ref={button} type="button" aria-expanded={isOpen} aria-controls={NAV_ID} onClick={() => setOpen(!isOpen)}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-white hover:bg-white/10 focus-visible:outline-white md:hidden">
      <Icon className="size-5" aria-hidden="true" />
      Menu
    </button>
  );
}

/** Whether the narrow-screen menu is open (the side nav shows itself then), and how to close it. */
export function useNavMenuState(): { isOpen: boolean; close: () => void } {
  const { isOpen, setOpen } = useNavMenu();
  return { isOpen, close: () => setOpen(false) };
}
