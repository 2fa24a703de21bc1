import type { BackendFacts } from "../types";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const firewalldFacts = {
  id: "firewalld",
  label: "firewalld",
  name: "firewalld",
  safetyNet: "timed-rollback",
  replaces: [
    { what: "`/etc/firewalld`: the files listed above overwrite their namesakes (the public zone among them); everything else stays", backup: "firewalld.previous/ (a copy of all of /etc/firewalld, the companion limits file `portcullis/limits.nft` included)" },
    { what: "`/etc/systemd/system/portcullis-firewalld-limits.service` and its link in `multi-user.target.wants/`, written or removed on confirmation only", backup: "none: it is Portcullis's own unit; a rollback before confirmation never touches it" },
  ],
} as const satisfies BackendFacts;
