/**
 * The warnings engine: one pure function from a profile to its findings, shared by the matrix
 * page (live, on every click), the review page, the bundle's report and the CLI.
 */
import type { ProfileDocument } from "../policy/schema";
import { checkAdminBlocked, checkAdminExposure, checkEmptySources, checkLockout } from "./access";
import { checkBackendFit, checkRateLimitSupport, checkSmtpRateLimit } from "./backend";
import { createContext, type Context } from "./context";
import {
  checkCaldavInsecure,
  checkFtpPassive,
  checkLicenseCallback,
  checkLocalOnlyExposed,
  checkMysqlOpen,
  checkOptionalPorts,
  checkPlaintext,
  checkSmtpsTls,
} from "./exposure";
import { checkIpv6Filtering, checkSingleFamilyRestrictions } from "./families";
import { checkCpanelOutbound, checkFeatureOutbound } from "./outbound";
import { checkBlockedAllowed, checkBlockedRedundant, checkCustomDuplicates, checkUnknownServices } from "./overlaps";
import { checkRolesClosed } from "./roles";
import { SEVERITIES, type Warning } from "./types";

const CHECKS: readonly ((ctx: Context) => Warning[])[] = [
  checkLockout,
  checkAdminBlocked,
  checkLocalOnlyExposed,
  checkCpanelOutbound,
  checkPlaintext,
  checkCaldavInsecure,
  checkLicenseCallback,
  checkMysqlOpen,
  checkFtpPassive,
  checkRolesClosed,
  checkSmtpRateLimit,
  checkIpv6Filtering,
  checkSingleFamilyRestrictions,
  checkEmptySources,
  checkUnknownServices,
  checkBackendFit,
  checkRateLimitSupport,
  checkFeatureOutbound,
  checkAdminExposure,
  checkOptionalPorts,
  checkSmtpsTls,
  checkBlockedAllowed,
  checkBlockedRedundant,
  checkCustomDuplicates,
];

const RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

/**
 * Every finding for a validated profile, most severe first and, within a severity, by id, so the
 * order never depends on how the profile was edited. Runs in the browser on every change: all
 * address comparisons go through sorted, cached indexes.
 */
export function assessPolicy(doc: ProfileDocument): Warning[] {
  const ctx = createContext(doc);
  const warnings = CHECKS.flatMap((check) => check(ctx));
  return warnings.sort((a, b) => RANK.get(a.severity)! - RANK.get(b.severity)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** True when at least one finding is critical (the CLI's exit code, the UI's apply gate). */
export function hasCritical(warnings: readonly Warning[]): boolean {
  return warnings.some((w) => w.severity === "critical");
}

export type CriticalWarning = { id: string; title: string };

/** The critical findings of a profile, by id and title (what an acknowledgement must cover). */
export function criticalWarnings(doc: ProfileDocument): CriticalWarning[] {
  return assessPolicy(doc).filter((w) => w.severity === "critical").map((w) => ({ id: w.id, title: w.title }));
}

/** The critical findings `after` has and `before` had not: what a change brings that needs acknowledging. */
export function newCriticalWarnings(before: ProfileDocument, after: ProfileDocument): CriticalWarning[] {
  const had = new Set(criticalWarnings(before).map((w) => w.id));
  return criticalWarnings(after).filter((w) => !had.has(w.id));
}

export { SEVERITIES, type Concerns, type PortConcern, type Severity, type Warning } from "./types";
