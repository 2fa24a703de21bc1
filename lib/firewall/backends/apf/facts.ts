import type { OsFamily } from "../../policy/os";
import type { BackendFacts } from "../types";
import { guardFact } from "../shared/boot-guard";

/**
 * Where APF keeps its files: rfxn's own installer (cPanel servers, EL) uses /etc/apf, Debian's and
 * Ubuntu's `apf-firewall` package /etc/apf-firewall. apply.sh looks in both (docs/backends.md §6.3).
 */
export const APF_DIRS = { rhel: "/etc/apf", debian: "/etc/apf-firewall" } as const satisfies Record<OsFamily, string>;

/** The companion's folder inside APF's, and the marker of the one line it adds to postroute.rules. */
export const COMPANION_DIR = "portcullis";
export const HOOK_MARK = "# portcullis companion (IPv6, large lists, limits)";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const apfFacts = {
  id: "apf",
  label: "APF",
  name: "APF (Advanced Policy Firewall)",
  safetyNet: "timed-rollback",
  replaces: [
    guardFact("apf"),
    { what: "`conf.apf` (in /etc/apf or /etc/apf-firewall): the keys of conf.apf.portcullis, set in place", backup: "previous-apf.tar (with the other APF files below)" },
    { what: "`allow_hosts.rules` and `deny_hosts.rules`, replaced whole", backup: "previous-apf.tar" },
    { what: "`postroute.rules`: one line that loads the companion, added once", backup: "previous-apf.tar" },
    { what: "`portcullis/` beside conf.apf: the companion (ip6tables rules, ipsets, limits), replaced whole", backup: "previous-apf.tar" },
    { what: "the running iptables, ip6tables and portcullis-* ipsets", backup: "previous.v4, previous.v6, previous.ipset" },
    { what: "after confirming: `RUN=\"yes\"` in /etc/default/apf-firewall (Debian, Ubuntu) and the service enabled", backup: "boot-previous/" },
  ],
} as const satisfies BackendFacts;
