/** nftables: everything about it, gathered for the registry (docs/backends.md §1). */
import type { BackendModule } from "../types";
import { nftablesVerify } from "./verify";
import { nftablesApply } from "./apply";
import { nftablesFacts } from "./facts";
import { nftBootSteps } from "./paths";
import { nftablesRenderer } from "./render";

export const nftables = {
  ...nftablesFacts,
  ...nftablesRenderer,
  apply: nftablesApply,
  bootSteps: nftBootSteps,
  verify: nftablesVerify,
} satisfies BackendModule;
