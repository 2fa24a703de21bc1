/**
 * The plain facts of every backend (names, safety net), for code that must not load the renderers:
 * the matrix's backend menu and the warnings engine, which both run in the browser.
 */
import type { Backend } from "../policy/schema";
import { apfFacts } from "./apf/facts";
import { csfFacts } from "./csf/facts";
import { firewalldFacts } from "./firewalld/facts";
import { iptablesFacts } from "./iptables/facts";
import { nftablesFacts } from "./nftables/facts";
import type { BackendFacts } from "./types";
import { ufwFacts } from "./ufw/facts";

export const BACKEND_FACTS = {
  nftables: nftablesFacts,
  iptables: iptablesFacts,
  firewalld: firewalldFacts,
  ufw: ufwFacts,
  csf: csfFacts,
  apf: apfFacts,
} satisfies Record<Backend, BackendFacts>;

export function backendLabel(backend: Backend): string {
  return BACKEND_FACTS[backend].label;
}
