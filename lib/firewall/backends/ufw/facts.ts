import type { BackendFacts } from "../types";
import { guardFact } from "../shared/boot-guard";

/** Names and safety net, kept apart from the renderer so menus and warnings load no rule code. */
export const ufwFacts = {
  id: "ufw",
  label: "UFW",
  name: "UFW",
  safetyNet: "timed-rollback",
  replaces: [
    guardFact("ufw"),
    { what: "every ufw rule: `ufw --force reset` empties `/etc/ufw/user.rules` and `user6.rules`; `before.rules` and `before6.rules` get the Portcullis block", backup: "ufw.previous/ufw/ (a copy of all of /etc/ufw)" },
    { what: "`/etc/default/ufw` (its IPV6= line)", backup: "ufw.previous/default-ufw" },
    { what: "whether ufw was active", backup: "ufw.previous/was" },
  ],
} as const satisfies BackendFacts;
