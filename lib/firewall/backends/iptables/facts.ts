import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const iptablesFacts = {
  id: "iptables",
  label: "iptables",
  name: "iptables + ip6tables",
  safetyNet: "timed-rollback",
  replaces: [
    { what: "chains `PORTCULLIS-IN`/`PORTCULLIS-OUT` and their jumps from INPUT/OUTPUT (IPv4 and IPv6)", backup: "previous.v4, previous.v6, hooked.v4, hooked.v6" },
    { what: "the `portcullis-*` ipsets", backup: "previous.ipset" },
  ],
} as const satisfies BackendFacts;
