/**
 * Active-mode FTP under a restricted outbound policy (docs/backends.md §10.3): the server opens the
 * data connection FROM its port 20 TO a port the client chose, so an outbound rule on destination
 * port 20 never matches it. Every backend adds one outbound allowance for TCP source port 20 when
 * the FTP control port is open inbound and outbound is restricted; a source port below 1024 can
 * only be bound by root (the FTP daemon), so this opens nothing to ordinary users.
 */
import type { RuleSet } from "../../policy/resolve";

export const FTP_CONTROL_PORT = 21;
export const FTP_DATA_PORT = 20;
export const ACTIVE_FTP_LABEL = "FTP active-mode data (server port 20 to the client)";

/** FTP (TCP 21) is open inbound and outbound is restricted: active-mode data needs its own allowance. */
export function needsActiveFtp(ruleSet: RuleSet): boolean {
  if (ruleSet.outboundPolicy !== "restricted") return false;
  return ruleSet.inbound.some((r) => r.protocol === "tcp" && r.ports.some((p) => p.from <= FTP_CONTROL_PORT && FTP_CONTROL_PORT <= p.to));
}
