import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const firewalldFacts = {
  id: "firewalld",
  label: "firewalld",
  name: "firewalld",
  safetyNet: "timed-rollback",
} as const satisfies BackendFacts;
