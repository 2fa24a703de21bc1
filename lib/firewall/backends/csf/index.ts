/** CSF: everything about it, gathered for the registry (docs/backends.md §5). */
import type { BackendModule } from "../types";
import { csfVerify } from "./verify";
import { csfApply } from "./apply";
import { csfFacts } from "./facts";
import { csfRenderer } from "./render";

export const csf = {
  ...csfFacts,
  ...csfRenderer,
  apply: csfApply,
  // csf and lfd are enabled services on both OS families; TESTING = 1 keeps a flush cron alive.
  bootSteps: () => ["Nothing more once TESTING is 0: csf and lfd start at boot."],
  verify: csfVerify,
} satisfies BackendModule;
