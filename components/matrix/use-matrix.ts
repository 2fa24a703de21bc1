"use client";

import { useCallback, useMemo, useReducer, useState, useTransition } from "react";
import { assessPolicy, describeIssues, policySchema, PROFILE_FORMAT, PROFILE_VERSION } from "@/lib/firewall";
import { describeClosing, type ClosingSummary } from "@/lib/firewall/closing";
import type { Policy, ProfileDocument, Server } from "@/lib/firewall/policy/schema";
import { SEVERITIES, type Severity, type Warning } from "@/lib/firewall/warnings/types";
import type { MatrixDraft, MatrixStart } from "@/lib/validations/matrix-draft";
import { readDraft } from "@/lib/validations/matrix";
import type { SaveMatrixResult } from "@/lib/validations/matrix-save";
import { fieldDomId } from "./dom-ids";
import { draftOfStart, draftsEqual } from "./draft";
import { draftReducer } from "./draft-reducer";

export type SaveFn = (input: { version: number; policy: Policy }) => Promise<SaveMatrixResult>;

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saved"; at: string }
  | { kind: "invalid"; count: number }
  | { kind: "failed"; message: string; isConflict: boolean; details: string[] };

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
export function useMatrix(server: Server, start: MatrixStart, version: number, savedAt: string, save: SaveFn) {
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

  const onSave = useCallback(() => {
    if (reading.errorCount > 0) {
      setStatus({ kind: "invalid", count: reading.errorCount });
      const first = Object.keys(reading.errors)[0];
      if (first) window.document.getElementById(fieldDomId(first))?.focus();
      return;
    }
    // The same schema the server action applies: nothing invalid leaves the browser.
    const checked = policySchema.safeParse(reading.policy);
    if (!checked.success) {
      const details = describeIssues(checked.error.issues).map((i) => `${i.path}: ${i.message}`);
      setStatus({ kind: "failed", message: "The profile is not valid and was not saved.", isConflict: false, details });
      return;
    }
    const sent = draft;
    startSaving(async () => {
      let result: SaveMatrixResult;
      try {
        result = await save({ version: saved.version, policy: checked.data });
      } catch {
        // The request itself failed (network, server down, session gone): the edits stay here.
        setStatus({ kind: "failed", message: "The server could not be reached, so nothing was saved. Your changes are still here: try again.", isConflict: false, details: [] });
        return;
      }
      if (result.ok) {
        setSaved({ draft: sent, version: result.data.version, savedAt: result.data.savedAt });
        setStatus({ kind: "saved", at: result.data.savedAt });
      } else {
        const details = Object.entries(result.fieldErrors).flatMap(([path, messages]) => (messages ?? []).map((m) => `${path}: ${m}`));
        setStatus({ kind: "failed", message: result.message, isConflict: result.isConflict ?? false, details });
      }
    });
  }, [draft, reading, save, saved.version]);

  const onDiscard = useCallback(() => {
    dispatch({ type: "reset", draft: saved.draft });
    setResetCount((n) => n + 1);
    setStatus({ kind: "idle" });
  }, [saved.draft]);

  return { draft, dispatch, reading, document, warnings, severities, isDirty, closing, status, isSaving, saved, savedPolicy, onSave, onDiscard, resetCount };
}
