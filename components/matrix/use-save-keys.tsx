"use client";

import { useEffect } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { createPortal } from "react-dom";

export const SAVE_BUTTON_ID = "matrix-save";

/**
 * Keyboard ways to Save: Ctrl+S / Cmd+S anywhere on the page (instead of the browser's "save
 * page as"), and a "Skip to Save" link among the layout's skip links, first in the tab order.
 */
export function useSaveKeys(canSave: boolean, onSave: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "s" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      if (canSave) onSave();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [canSave, onSave]);
}

export function SkipToSave() {
  const isHydrated = useHydrated();
  const slot = isHydrated ? document.getElementById("skip-links") : null;
  if (!slot) return null;
  return createPortal(
    <a href={`#${SAVE_BUTTON_ID}`} onClick={(event) => {
      event.preventDefault();
      document.getElementById(SAVE_BUTTON_ID)?.focus();
    }} className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-30 focus:rounded focus:bg-white focus:px-3 focus:py-2">
      Skip to Save
    </a>,
    slot,
  );
}
