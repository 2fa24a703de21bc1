/**
 * Small readings of a live file every backend's `verify.read` shares: service enablement, the
 * apply frame's pending state, the files a glob matched, and which tables or chains belong to
 * Docker or fail2ban (foreign: listed, never drift).
 */
import type { ImportFile } from "../import/types";
import { sectionText, type LiveFile } from "./live-file";

/** `systemctl is-enabled` said enabled (or static/alias: it still starts at boot). */
export function isEnabled(live: LiveFile, service: string): boolean {
  const state = sectionText(live, `enabled ${service}`)?.trim();
  return state === "enabled" || state === "enabled-runtime" || state === "static" || state === "alias";
}

/** What `systemctl is-enabled` said, for messages. */
export function enabledState(live: LiveFile, service: string): string {
  const s = live.sections.get(`enabled ${service}`);
  if (!s) return "not recorded";
  return s.text.trim().split("\n")[0] || (s.status === 0 ? "enabled" : "unknown (systemctl failed)");
}

/** The existing files recorded under `path` (a literal path or one `*` glob), as importer files. */
export function recordedFiles(live: LiveFile, path: string): ImportFile[] {
  const pattern = new RegExp(`^file ${path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
  return [...live.sections.values()].filter((s) => s.status === 0 && pattern.test(s.id)).map((s) => ({ path: s.id.slice(5), text: s.text }));
}

export function fileText(live: LiveFile, path: string): string | null {
  return sectionText(live, `file ${path}`);
}

/** The apply frame's state folder: an apply waiting for confirmation, in words. */
export function pendingApply(live: LiveFile): string | null {
  const text = sectionText(live, "apply") ?? "";
  const token = /^pending (\S+)$/m.exec(text)?.[1];
  if (token === undefined || token === "none") return null;
  if (/^timer running$/m.test(text)) return `An apply (${token}) is waiting for confirmation: its rollback timer is running, so the rules may still change back by themselves.`;
  return `An apply (${token}) was never confirmed and its rollback timer is gone (a reboot during the confirmation window?): the rules running may not be the confirmed ones.`;
}

export type ForeignKind = "Docker" | "fail2ban";

/** Docker's and fail2ban's tables and chains, by the names they create. */
export function foreignKind(name: string): ForeignKind | null {
  if (/docker/i.test(name)) return "Docker";
  if (/^(f2b-|fail2ban)/i.test(name)) return "fail2ban";
  return null;
}
