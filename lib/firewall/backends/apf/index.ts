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
  bootSteps: (family) =>
    family === "debian"
      ? ["Done by apply.sh once you confirm: `RUN=\"yes\"` in /etc/default/apf-firewall and the apf-firewall service enabled; APF then loads the companion from postroute.rules at every start."]
      : ["Done by apply.sh once you confirm: the apf service enabled (systemctl or chkconfig); APF then loads the companion from postroute.rules at every start."],
  verify: apfVerify,
} satisfies BackendModule;
