/** APF: everything about it, gathered for the registry (docs/backends.md §6). */
import type { BackendModule } from "../types";
import { apfVerify } from "./verify";
import { apfApply } from "./apply";
import { apfFacts } from "./facts";
import { apfRenderer } from "./render";

export const apf = {
  ...apfFacts,
  ...apfRenderer,
  apply: apfApply,
  bootSteps: () => ["Nothing more once DEVEL_MODE is 0: apf starts at boot."],
  verify: apfVerify,
} satisfies BackendModule;
