"use client";

import { useEffect, useRef } from "react";

/** The save bar's height; the matrix's sticky column headings sit right below it. */
export const SAVE_BAR_HEIGHT = "--save-bar-height";

/**
 * Publishes an element's height as a CSS variable on the page root, so things that stick below it
 * (the matrix's column headings under the save bar) follow it as it grows with warnings or errors.
 */
export function useStickyHeight<T extends HTMLElement>(variable: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty(variable, `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty(variable);
    };
  }, [variable]);
  return ref;
}
