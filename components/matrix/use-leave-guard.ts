"use client";

import { useEffect, useRef } from "react";

const QUESTION = "You have unsaved changes to this profile. Leave without saving?";

/**
 * While `isDirty`: the browser asks before closing or reloading the tab, and in-app links ask
 * before navigating (client-side navigation never fires beforeunload). Returns a function that
 * lets one deliberate reload through without asking.
 */
export function useLeaveGuard(isDirty: boolean): () => void {
  const bypass = useRef(false);
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (bypass.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      const isSamePage = url.origin === window.location.origin && url.pathname === window.location.pathname && url.search === window.location.search;
      if (isSamePage) return;
      if (!window.confirm(QUESTION)) {
        event.preventDefault();
        event.stopPropagation();
      } else {
        bypass.current = true;
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [isDirty]);
  return () => {
    bypass.current = true;
  };
}
