import type { BackendFacts } from "../types";
import { guardFact } from "../shared/boot-guard";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const firewalldFacts = {
  id: "firewalld",
  label: "firewalld",
  name: "firewalld",
  safetyNet: "timed-rollback",
  replaces: [
    guardFact("firewalld"),
    { what: "`/etc/firewalld`: the files listed above overwrite their namesakes (the public zone among them); files an earlier Portcullis apply wrote that this bundle does not carry are removed (`portcullis*` services, ipsets and policies, a drop zone with the Portcullis header); everything else stays", backup: "firewalld.previous/ (a copy of all of /etc/firewalld, the companion limits file `portcullis/limits.nft` included)" },
    { what: "`/etc/systemd/system/portcullis-firewalld-limits.service` and its link in `multi-user.target.wants/`, written or removed on confirmation only", backup: "none: it is Portcullis's own unit; a rollback before confirmation never touches it" },
  ],
} as const satisfies BackendFacts;
