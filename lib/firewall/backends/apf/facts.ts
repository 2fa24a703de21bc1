import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const apfFacts = {
  id: "apf",
  label: "APF",
  name: "APF (Advanced Policy Firewall)",
  safetyNet: "testing-mode",
} as const satisfies BackendFacts;
