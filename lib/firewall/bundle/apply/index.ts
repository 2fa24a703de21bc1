/** apply.sh per backend; typed against every Backend so none can be missing. */
import type { RuleSet } from "../../policy/resolve";
import type { Backend } from "../../policy/schema";
import type { RenderMeta, RuleFile } from "../../render/types";
import { apfApply } from "./apf";
import { csfApply } from "./csf";
import { firewalldApply } from "./firewalld";
import { iptablesApply } from "./iptables";
import { nftablesApply } from "./nftables";
import { ufwApply } from "./ufw";

export const APPLY_SCRIPTS = {
  nftables: nftablesApply,
  iptables: iptablesApply,
  firewalld: firewalldApply,
  ufw: ufwApply,
  csf: csfApply,
  apf: apfApply,
} satisfies Record<Backend, (ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta) => string>;

export { DEFAULT_CONFIRM_SECONDS } from "./common";
