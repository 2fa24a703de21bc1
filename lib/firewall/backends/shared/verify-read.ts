/**
 * The reading shared by backends whose configuration files are the rules (UFW, firewalld, CSF,
 * APF): the files recorded by verify.sh are what runs (when the tool is running) and what loads at
 * boot (when its service is enabled); iptables-save shows whether its chains are loaded at all.
 */
import type { ImportFile } from "../../import/types";
import type { LiveFile } from "../../verify/live-file";
import { enabledState, isEnabled, pendingApply, recordedFiles } from "../../verify/read";
import type { LiveView } from "../types";
import { withoutForeignChains } from "./iptables-foreign";

export type FileBackend = {
  /** Globs of the files that hold the rules, in the order the importer wants them. */
  files: readonly string[];
  /** The tool is running, or why it is not (null: running). */
  notRunning(live: LiveFile): string | null;
  /** Services of which one must be enabled for the rules to load at boot. */
  services: readonly string[];
  /** A testing mode still on, in words (CSF TESTING, APF DEVEL_MODE). */
  testing?(files: ImportFile[]): string | null;
};

/** The recorded files, under the path the importer recognises them by. */
export function recorded(live: LiveFile, globs: readonly string[]): ImportFile[] {
  return globs.flatMap((g) => recordedFiles(live, g));
}

export function readFileBackend(live: LiveFile, b: FileBackend): LiveView {
  const files = recorded(live, b.files);
  const view: LiveView = { running: files, missing: [], foreign: [], extra: [], boot: { files }, pending: pendingApply(live) };
  for (const tool of ["iptables-save", "ip6tables-save"]) {
    const s = live.sections.get(`live ${tool}`);
    if (s?.status === 0) view.foreign.push(...withoutForeignChains(s.text).foreign);
  }
  const down = b.notRunning(live);
  if (down) view.missing.push(down);
  if (files.length === 0) view.missing.push(`its configuration files (none of ${b.files.join(", ")} exists)`);
  if (!b.services.some((s) => isEnabled(live, s))) {
    view.boot = { problem: `${b.services.join(" / ")} ${b.services.length > 1 ? "do" : "does"} not start at boot (systemctl is-enabled: ${b.services.map((s) => enabledState(live, s)).join(", ")}).` };
  }
  const testing = b.testing?.(files) ?? null;
  if (testing) view.pending = view.pending ? `${view.pending} ${testing}` : testing;
  return view;
}

/** The chains a tool creates when it runs, looked up in iptables-save. */
export function chainsLoaded(live: LiveFile, chain: string, tool: string): string | null {
  const s = live.sections.get("live iptables-save");
  if (!s || s.status !== 0) return `the running rules (iptables-save failed with exit ${s?.status ?? "not recorded"})`;
  return new RegExp(`^:${chain} `, "m").test(s.text) ? null : `${tool}'s chains (chain ${chain} is not loaded: ${tool} is stopped, or its rules were flushed)`;
}

export const IPTABLES_COMMANDS = [
  { id: "iptables-save", command: "iptables-save" },
  { id: "ip6tables-save", command: "ip6tables-save" },
] as const;
