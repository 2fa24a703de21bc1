/**
 * The backend registry: one folder per firewall backend (`backends/<id>/`) holds its renderer,
 * apply script, checker, limitations, label and OS paths; this record ties them together. Typed
 * against every Backend, so adding a backend to the schema without a folder is a compile error.
 */
import type { RuleSet } from "../policy/resolve";
import type { Backend } from "../policy/schema";
import { apf } from "./apf";
import { csf } from "./csf";
import { firewalld } from "./firewalld";
import { iptables } from "./iptables";
import { nftables } from "./nftables";
import type { BackendModule, Limitation, RenderMeta, RuleFile } from "./types";
import { ufw } from "./ufw";

export const BACKEND_MODULES = {
  nftables,
  iptables,
  firewalld,
  ufw,
  csf,
  apf,
} satisfies Record<Backend, BackendModule>;

/** The files for one backend (what the UI previews and the CLI prints). */
export function renderRules(backend: Backend, ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
  return BACKEND_MODULES[backend].render(ruleSet, meta);
}

/** What one backend cannot enforce for this rule set, for the report and the UI. */
export function listLimitations(backend: Backend, ruleSet: RuleSet): Limitation[] {
  return BACKEND_MODULES[backend].limitations(ruleSet);
}

export { BACKEND_FACTS, backendLabel } from "./facts";
export type { BackendFacts, BackendModule, HeaderWarning, Limitation, RenderMeta, Renderer, RuleFile, SafetyNet, Severity } from "./types";
