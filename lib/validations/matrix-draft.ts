/**
 * The shape of the port matrix form's input. Text the user types (sources, ports, the blocked
 * list) stays text here, so an invalid entry can sit on screen with its error while the rest of
 * the profile keeps working; `readDraft` (matrix.ts) turns a draft back into a policy. The
 * editing state built on it lives with the form (components/matrix/draft.ts).
 */
import type { Access, Backend, Direction, Policy, ServiceChoice, SourceList } from "@/lib/firewall/policy/schema";

export type ServiceDraft = Omit<ServiceChoice, "sources" | "ports"> & {
  sourcesText: string;
  /** "from-to", only for services with a configurable range (FTP passive). */
  rangeText?: string;
};

/** `uid` keys the React row and its errors; `id` is the profile's stable id for the entry. */
export type CustomRuleDraft = {
  uid: string;
  id: string;
  label: string;
  portsText: string;
  tcp: boolean;
  udp: boolean;
  direction: Direction;
  access: Access;
  sourcesText: string;
};

/** Empty text means "not set" for the new-connection rate and the concurrency cap. */
export type RateLimitDraft = {
  uid: string;
  id: string;
  label: string;
  portsText: string;
  protocol: "tcp" | "udp";
  countText: string;
  secondsText: string;
  concurrentText: string;
};

export type MatrixDraft = {
  backend: Backend;
  outbound: Policy["outbound"];
  ipv6: boolean;
  eximReverseDns: Policy["hardening"]["eximReverseDns"];
  services: Record<string, ServiceDraft>;
  customRules: CustomRuleDraft[];
  /** One entry per line: `address` or `address # comment`. */
  blockedText: string;
  rateLimits: RateLimitDraft[];
  /** Named source lists the services may reference; lists nothing references are dropped on save. */
  sourceLists: SourceList[];
};

/**
 * What the matrix page hands the browser to start from: the saved policy with its blocked list as
 * the text the form edits, not as entry objects. With a long list (100,000 entries) this halves
 * the page, which otherwise carries the list twice over (objects and the text box's text).
 */
export type MatrixStart = { policy: Omit<Policy, "blocked">; blockedText: string };
