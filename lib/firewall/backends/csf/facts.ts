import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const csfFacts = {
  id: "csf",
  label: "CSF",
  name: "CSF (ConfigServer Security & Firewall)",
  safetyNet: "testing-mode",
} as const satisfies BackendFacts;
