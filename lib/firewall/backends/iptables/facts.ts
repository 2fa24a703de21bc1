import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const iptablesFacts = {
  id: "iptables",
  label: "iptables",
  name: "iptables + ip6tables",
  safetyNet: "timed-rollback",
} as const satisfies BackendFacts;
