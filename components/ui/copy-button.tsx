"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { buttonClass } from "./button";

type Props = { text: () => string; label?: string; className?: string; onFailure?: () => void };

/**
 * Copies text to the clipboard and says so. The clipboard needs a secure context (HTTPS or
 * localhost); elsewhere `onFailure` lets the caller show the text to copy by hand.
 */
export function CopyButton({ text, label = "Copy", className, onFailure }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button type="button" className={buttonClass("secondary", className)}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text());
          setState("copied");
          setTimeout(() => setState("idle"), 2000);
        } catch {
          setState("failed");
          onFailure?.();
        }
      }}>
      {state === "copied" ? <Check className="size-4 text-emerald-600" aria-hidden="true" /> : <Copy className="size-4" aria-hidden="true" />}
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}</span>
    </button>
  );
}
