/** firewalld: everything about it, gathered for the registry (docs/backends.md §3). */
import type { BackendModule } from "../types";
import { firewalldVerify } from "./verify";
import { firewalldApply } from "./apply";
import { firewalldFacts } from "./facts";
import { firewalldRenderer } from "./render";

export const firewalld = {
  ...firewalldFacts,
  ...firewalldRenderer,
  apply: firewalldApply,
  // Permanent configuration in /etc/firewalld is what the daemon loads at boot, on every OS family.
  bootSteps: () => ["Nothing more: the files are permanent configuration in `/etc/firewalld`."],
  verify: firewalldVerify,
} satisfies BackendModule;
