"use client";

import { useCallback, useMemo, useReducer, useState, useTransition } from "react";
import { assessPolicy, describeIssues, policySchema, PROFILE_FORMAT, PROFILE_VERSION } from "@/lib/firewall";
import { describeClosing, type ClosingSummary } from "@/lib/firewall/closing";
import type { Policy, ProfileDocument, Server } from "@/lib/firewall/policy/schema";
import { SEVERITIES, type Severity, type Warning } from "@/lib/firewall/warnings/types";
import type { MatrixDraft, MatrixStart } from "@/lib/validations/matrix-draft";
import { readDraft } from "@/lib/validations/matrix";
import type { LatestRevision, SaveMatrixResult } from "@/lib/validations/matrix-save";
import { mergePolicies, type MergeSide } from "@/lib/firewall/policy/merge";
import { fieldDomId } from "./dom-ids";
import { draftOfStart, draftsEqual, toDraft } from "./draft";
import { draftReducer } from "./draft-reducer";
import { describeTheirChanges, normalisePolicy, type MergeState } from "./use-merge";

export type SaveFn = (input: { version: number; policy: Policy }) => Promise<SaveMatrixResult>;

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saved"; at: string }
  | { kind: "invalid"; count: number }
  | { kind: "failed"; message: string; isConflict: boolean; details: string[] }
  /** Someone else saved first and some fields clash: the merge view is open. */
  | { kind: "merging"; theirs: number }
  /** Someone else saved revision `theirs` first; `changes` of theirs were combined with yours and saved. */
  | { kind: "merged"; at: string; theirs: number; changes: string[] };

type Saved = { draft: MatrixDraft; version: number; savedAt: string };

/** Highest severity per service, for the coloured edge of its row. */
function severityByService(warnings: readonly Warning[]): Map<string, Severity> {
  const map = new Map<string, Severity>();
  for (const w of warnings) {
    for (const id of w.concerns.services ?? []) {
      const known = map.get(id);
      if (!known || SEVERITIES.indexOf(w.severity) < SEVERITIES.indexOf(known)) map.set(id, w.severity);
    }
  }
  return map;
}

/**
 * The matrix page's state: the draft, what it reads as, the live warnings (the same
 * `assessPolicy` as the server, run on every change) and saving with optimistic concurrency.
 */
export function useMatrix(initialServer: Server, start: MatrixStart, version: number, savedAt: string, save: SaveFn) {
  // Their save may also have changed the server's details (SSH port, panel): the latest wins.
  const [server, setServer] = useState(initialServer);
  const [merge, setMerge] = useState<MergeState | null>(null);
  const [saved, setSaved] = useState<Saved>(() => ({ draft: draftOfStart(start), version, savedAt }));
  const [draft, dispatch] = useReducer(draftReducer, saved.draft);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [isSaving, startSaving] = useTransition();
  const [resetCount, setResetCount] = useState(0);

  const reading = useMemo(() => readDraft(draft), [draft]);
  const document = useMemo<ProfileDocument>(
    () => ({ format: PROFILE_FORMAT, version: PROFILE_VERSION, server, policy: reading.policy }),
    [server, reading.policy],
  );
  const warnings = useMemo(() => assessPolicy(document), [document]);
  const severities = useMemo(() => severityByService(warnings), [warnings]);
  const isDirty = useMemo(() => !draftsEqual(draft, saved.draft), [draft, saved.draft]);
  // What this save would close or narrow, compared with the last saved revision.
  const savedPolicy = useMemo(() => readDraft(saved.draft).policy, [saved.draft]);
  const closing = useMemo<ClosingSummary>(
    () => (isDirty ? describeClosing({ ...document, policy: savedPolicy }, document) : { closing: [], narrowing: [] }),
    [isDirty, document, savedPolicy],
  );

  /** Saves `policy` on top of revision `version`; a conflict is merged with the latest revision. */
  const submit = useCallback((policy: Policy, from: { base: Policy; version: number; draft: MatrixDraft; server: Server }) => {
    startSaving(async () => {
      let { base, version, draft: sent, server: baseServer } = from;
      let mine = policy;
      const combined: string[] = [];
      let combinedWith = 0;
      // A third save can land while merging: merge again, a few times at most.
      for (let round = 0; round < 3; round++) {
        let result: SaveMatrixResult;
        try {
          result = await save({ version, policy: mine });
        } catch {
          // The request itself failed (network, server down, session gone): the edits stay here.
          setStatus({ kind: "failed", message: "The server could not be reached, so nothing was saved. Your changes are still here: try again.", isConflict: false, details: [] });
          return;
        }
        if (result.ok) {
          setSaved({ draft: sent, version: result.data.version, savedAt: result.data.savedAt });
          setStatus(combinedWith > 0 ? { kind: "merged", at: result.data.savedAt, theirs: combinedWith, changes: combined } : { kind: "saved", at: result.data.savedAt });
          return;
        }
        if (!result.isConflict || !result.latest) {
          const details = Object.entries(result.fieldErrors).flatMap(([path, messages]) => (messages ?? []).map((m) => `${path}: ${m}`));
          setStatus({ kind: "failed", message: result.message, isConflict: result.isConflict ?? false, details });
          return;
        }
        const latest = result.latest;
        const theirs = normalisePolicy(latest.policy);
        const theirChanges = describeTheirChanges({ server: baseServer, policy: base }, { server: latest.server, policy: theirs });
        setServer(latest.server);
        const merged = mergePolicies(base, mine, theirs);
        if (merged.conflicts.length > 0 || !policySchema.safeParse(merged.policy).success) {
          setMerge({ base, mine, theirs, latest, theirChanges, choices: {} });
          setStatus({ kind: "merging", theirs: latest.version });
          return;
        }
        // Nothing clashes: theirs is now the saved state, and the combination is what gets saved.
        sent = toDraft(merged.policy);
        setSaved({ draft: toDraft(theirs), version: latest.version, savedAt: latest.savedAt });
        dispatch({ type: "reset", draft: sent });
        setResetCount((n) => n + 1);
        combined.push(...theirChanges);
        combinedWith = latest.version;
        version = latest.version;
        base = theirs;
        baseServer = latest.server;
        mine = merged.policy;
      }
      setStatus({ kind: "failed", message: "Others kept saving this profile while yours was being merged: save again.", isConflict: false, details: [] });
    });
  }, [save]);

  /** The same schema the server action applies: nothing invalid leaves the browser. */
  const checked = useCallback((policy: Policy): Policy | null => {
    const result = policySchema.safeParse(policy);
    if (result.success) return result.data;
    const details = describeIssues(result.error.issues).map((i) => `${i.path}: ${i.message}`);
    setStatus({ kind: "failed", message: "The profile is not valid and was not saved.", isConflict: false, details });
    return null;
  }, []);

  const onSave = useCallback(() => {
    if (reading.errorCount > 0) {
      setStatus({ kind: "invalid", count: reading.errorCount });
      const first = Object.keys(reading.errors)[0];
      if (first) window.document.getElementById(fieldDomId(first))?.focus();
      return;
    }
    const policy = checked(reading.policy);
    if (policy) submit(policy, { base: savedPolicy, version: saved.version, draft, server });
  }, [checked, draft, reading, savedPolicy, saved.version, server, submit]);

  /** Takes their revision as the saved state, with `next` as the draft on top of it. */
  const adoptTheirs = useCallback((latest: LatestRevision, theirs: Policy, next: MatrixDraft) => {
    setSaved({ draft: toDraft(theirs), version: latest.version, savedAt: latest.savedAt });
    dispatch({ type: "reset", draft: next });
    setResetCount((n) => n + 1);
    setMerge(null);
  }, []);

  const mergeActions = useMemo(() => ({
    choose: (key: string, side: MergeSide) => setMerge((m) => (m ? { ...m, choices: { ...m.choices, [key]: side } } : m)),
    chooseAll: (keys: readonly string[], side: MergeSide) => setMerge((m) => (m ? { ...m, choices: { ...m.choices, ...Object.fromEntries(keys.map((k) => [k, side])) } } : m)),
    /** Saves the merged profile as chosen, as a new revision on top of theirs. */
    save: (policy: Policy) => {
      if (!merge || !checked(policy)) return;
      const next = toDraft(policy);
      adoptTheirs(merge.latest, merge.theirs, next);
      submit(policy, { base: merge.theirs, version: merge.latest.version, draft: next, server: merge.latest.server });
    },
    loadTheirs: () => {
      if (!merge) return;
      adoptTheirs(merge.latest, merge.theirs, toDraft(merge.theirs));
      setStatus({ kind: "idle" });
    },
    back: () => {
      setMerge(null);
      setStatus({ kind: "idle" });
    },
  }), [adoptTheirs, checked, merge, submit]);

  const onDiscard = useCallback(() => {
    dispatch({ type: "reset", draft: saved.draft });
    setResetCount((n) => n + 1);
    setStatus({ kind: "idle" });
  }, [saved.draft]);

  /** Replaces the draft by `policy` (a reset to the template), as an edit to save. */
  const replacePolicy = useCallback((policy: Policy) => {
    dispatch({ type: "reset", draft: toDraft(policy) });
    setResetCount((n) => n + 1);
  }, []);

  const dismissNotice = useCallback(() => setStatus((s) => (s.kind === "merged" ? { kind: "saved", at: s.at } : s)), []);

  return { replacePolicy, dismissNotice, server, draft, dispatch, reading, document, warnings, severities, isDirty, closing, status, isSaving, saved, savedPolicy, onSave, onDiscard, resetCount, merge, mergeActions };
}
