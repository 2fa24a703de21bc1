import type { Protocol } from "../policy/resolve";

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type PortConcern = { from: number; to: number; protocol?: Protocol };

/** What a warning is about, so the UI can highlight the matching matrix cells and list rows. */
export type Concerns = {
  /** Catalog service ids. */
  services?: string[];
  ports?: PortConcern[];
  /** Addresses, blocked entries, custom rule or rate limit ids. */
  entries?: string[];
};

/**
 * One finding about a profile. `id` is stable across runs and releases (`kind` or
 * `kind:subject`), so the UI can key lists by it and tests can assert on it.
 */
export type Warning = {
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  remediation: string;
  concerns: Concerns;
};
