/** iptables + ip6tables with ipset: everything about it, gathered for the registry (docs/backends.md §2). */
import type { BackendModule } from "../types";
import { iptablesVerify } from "./verify";
import { iptablesApply } from "./apply";
import { iptablesFacts } from "./facts";
import { iptablesBootSteps } from "./paths";
import { iptablesRenderer } from "./render";

export const iptables = {
  ...iptablesFacts,
  ...iptablesRenderer,
  apply: iptablesApply,
  bootSteps: iptablesBootSteps,
  verify: iptablesVerify,
} satisfies BackendModule;
