/** UFW: everything about it, gathered for the registry (docs/backends.md §4). */
import type { BackendModule } from "../types";
import { ufwVerify } from "./verify";
import { ufwApply } from "./apply";
import { ufwFacts } from "./facts";
import { ufwRenderer } from "./render";

export const ufw = {
  ...ufwFacts,
  ...ufwRenderer,
  apply: ufwApply,
  // ufw.service loads /etc/ufw at boot once `ufw enable` has run, on every OS family.
  bootSteps: () => ["Nothing more: ufw keeps its rules and starts at boot once enabled."],
  verify: ufwVerify,
} satisfies BackendModule;
