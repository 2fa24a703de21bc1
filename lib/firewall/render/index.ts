/**
 * The renderer registry. Typed against every Backend, so adding a backend to the schema without a
 * renderer is a compile error.
 */
import type { RuleSet } from "../policy/resolve";
import type { Backend } from "../policy/schema";
import { apfRenderer } from "./apf";
import { csfRenderer } from "./csf";
import { firewalldRenderer } from "./firewalld";
import { iptablesRenderer } from "./iptables";
import { nftablesRenderer } from "./nftables";
import type { Limitation, RenderMeta, Renderer, RuleFile } from "./types";
import { ufwRenderer } from "./ufw";

export const RENDERERS = {
  nftables: nftablesRenderer,
  iptables: iptablesRenderer,
  firewalld: firewalldRenderer,
  ufw: ufwRenderer,
  csf: csfRenderer,
  apf: apfRenderer,
} satisfies Record<Backend, Renderer>;

/** The files for one backend (what the UI previews and the CLI prints). */
export function renderRules(backend: Backend, ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
  return RENDERERS[backend].render(ruleSet, meta);
}

/** What one backend cannot enforce for this rule set, for the report and the UI. */
export function listLimitations(backend: Backend, ruleSet: RuleSet): Limitation[] {
  return RENDERERS[backend].limitations(ruleSet);
}

export type { HeaderWarning, Limitation, RenderMeta, Renderer, RuleFile, Severity } from "./types";
