/**
 * The "Move off CSF" review: what CSF did (its files, read as CSF reads them) beside what the
 * imported profile's rules will do on the chosen backend, plus what that backend cannot express.
 */
import { listLimitations, type Limitation } from "../backends";
import { describeCsf } from "../backends/csf/describe";
import { getCatalog } from "../catalog";
import { resolvePolicy } from "../policy/resolve";
import type { ProfileDocument } from "../policy/schema";
import type { ImportFile } from "./types";
import { compareViews, viewOfRuleSet, type Comparison } from "./view";

export type MoveOffCsf = { comparison: Comparison; limitations: Limitation[] };

export function compareMoveOffCsf(files: readonly ImportFile[], document: ProfileDocument): MoveOffCsf {
  const ruleSet = resolvePolicy(document, getCatalog(document.server.panel));
  return {
    comparison: compareViews(describeCsf(files), viewOfRuleSet(ruleSet)),
    limitations: listLimitations(document.policy.backend, ruleSet),
  };
}
