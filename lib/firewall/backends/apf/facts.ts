import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const apfFacts = {
  id: "apf",
  label: "APF",
  name: "APF (Advanced Policy Firewall)",
  safetyNet: "testing-mode",
  replaces: [
    { what: "`/etc/apf/conf.apf`: the keys of conf.apf.portcullis, DEVEL_MODE=1 until confirmed", backup: "conf.apf (no timed rollback: copy it back and run apf -r)" },
    { what: "`/etc/apf/allow_hosts.rules` and `/etc/apf/deny_hosts.rules`, replaced whole", backup: "allow_hosts.rules, deny_hosts.rules (copy back by hand, then apf -r)" },
  ],
} as const satisfies BackendFacts;
