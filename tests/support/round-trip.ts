/**
 * Round trip support: render a generated profile for a backend, import the rendered files, and
 * compare what both profiles let through (lib/firewall/import/compare.ts).
 */
import fc from "fast-check";
import { renderRules } from "@/lib/firewall/backends";
import type { RuleFile } from "@/lib/firewall/backends/types";
import { getCatalog } from "@/lib/firewall/catalog";
import { effectivePolicy, effectiveRuleSet, type Effective } from "@/lib/firewall/import/compare";
import { importFirewall, type Finding, type ImportFile } from "@/lib/firewall/import";
import { resolvePolicy, type RuleSet } from "@/lib/firewall/policy/resolve";
import { profileDocumentSchema, type Backend, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { profileInput } from "./arbitrary";
import { META } from "./samples";

/** Valid generated profiles for one backend. */
export function profilesFor(backend: Backend): fc.Arbitrary<ProfileDocument> {
  return profileInput
    .map((input) => profileDocumentSchema.safeParse({ ...input, policy: { ...input.policy, backend } }))
    .filter((r) => r.success)
    .map((r) => r.data!);
}

export type RoundTrip = { original: Effective; imported: Effective; findings: Finding[]; ruleSet: RuleSet; document: ProfileDocument };

/** Render `doc`, hand the files to the importer as `toFiles` arranges them, and compare. */
export function roundTrip(doc: ProfileDocument, toFiles: (files: RuleFile[]) => ImportFile[]): RoundTrip {
  const ruleSet = resolvePolicy(doc, getCatalog(doc.server.panel));
  const files = toFiles(renderRules(doc.policy.backend, ruleSet, META));
  const result = importFirewall(doc.policy.backend, files, { panel: doc.server.panel, os: doc.server.os, name: doc.server.name });
  if (!result.ok) throw new Error(result.message);
  return { original: effectiveRuleSet(ruleSet), imported: effectivePolicy(result.document), findings: result.findings, ruleSet, document: result.document };
}

export const RUNS = { numRuns: 60 };
