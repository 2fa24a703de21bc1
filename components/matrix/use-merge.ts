"use client";

import { useMemo } from "react";
import { assessPolicy, PROFILE_FORMAT, PROFILE_VERSION, type Policy, type ProfileDocument, type Server } from "@/lib/firewall";
import { diffDocuments } from "@/lib/firewall/diff";
import { describeConflict, type ConflictText } from "@/lib/firewall/policy/merge-labels";
import { conflictKey, isFullyChosen, mergePolicies, type MergeChoices, type MergeRename, type MergeResult } from "@/lib/firewall/policy/merge";
import type { Warning } from "@/lib/firewall/warnings/types";
import { readDraft } from "@/lib/validations/matrix";
import type { LatestRevision } from "@/lib/validations/matrix-save";
import { toDraft } from "./draft";

/** A merge waiting for choices: the three sides, the revision it goes on top of, and the choices so far. */
export type MergeState = { base: Policy; mine: Policy; theirs: Policy; latest: LatestRevision; theirChanges: string[]; choices: MergeChoices };

/**
 * Their policy read the way the editor reads its own (through a draft), so the three sides compare
 * field by field without differences that are only spelling (address forms, defaults).
 */
export function normalisePolicy(policy: Policy): Policy {
  return readDraft(toDraft(policy)).policy;
}

/** What they changed since `base`, in the revision history's words ("Opened 3306/tcp (MySQL, from anyone)"). */
export function describeTheirChanges(before: { server: Server; policy: Policy }, after: { server: Server; policy: Policy }): string[] {
  const doc = (d: { server: Server; policy: Policy }): ProfileDocument => ({ format: PROFILE_FORMAT, version: PROFILE_VERSION, ...d });
  return diffDocuments(doc(before), doc(after)).map((e) => e.text);
}

export type MergeView = {
  result: MergeResult;
  conflicts: (ConflictText & { key: string; chosen?: "mine" | "theirs" })[];
  renamed: readonly MergeRename[];
  isReady: boolean;
  warnings: Warning[];
};

/** The merged profile as chosen so far, its conflicts in words and its live warnings. */
export function useMergeView(merge: MergeState | null): MergeView | null {
  return useMemo(() => {
    if (!merge) return null;
    const result = mergePolicies(merge.base, merge.mine, merge.theirs, merge.choices);
    const server = merge.latest.server;
    const conflicts = result.conflicts.map((c) => {
      const key = conflictKey(c.path);
      return { ...describeConflict(c, server), key, chosen: merge.choices[key] };
    });
    const warnings = assessPolicy({ format: PROFILE_FORMAT, version: PROFILE_VERSION, server, policy: result.policy });
    return { result, conflicts, renamed: result.renamed, isReady: isFullyChosen(result.conflicts, merge.choices), warnings };
  }, [merge]);
}
