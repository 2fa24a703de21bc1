/** firewalld: everything about it, gathered for the registry (docs/backends.md §3). */
import type { BackendModule } from "../types";
import { firewalldVerify } from "./verify";
import { firewalldApply } from "./apply";
import { firewalldFacts } from "./facts";
import { LIMITS_FILE, LIMITS_TABLE, LIMITS_UNIT_FILE } from "./limits";
import { firewalldRenderer } from "./render";

export const firewalld = {
  ...firewalldFacts,
  ...firewalldRenderer,
  apply: firewalldApply,
  // Permanent configuration in /etc/firewalld is what the daemon loads at boot, on every OS family.
  bootSteps: () => [
    `Nothing more: the XML files are permanent configuration in \`/etc/firewalld\`. When the profile has per-source limits, confirming also enables \`${LIMITS_UNIT_FILE}\`, which loads \`${LIMITS_FILE}\` (nft table inet ${LIMITS_TABLE}) at boot, before firewalld.`,
  ],
  verify: firewalldVerify,
} satisfies BackendModule;
