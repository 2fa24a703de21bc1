import type { RuleSet } from "../policy/resolve";
import type { Backend } from "../policy/schema";

/** One file an admin drops on the server. */
export type RuleFile = {
  /** Path inside the backend's bundle folder, e.g. `portcullis.nft`. */
  path: string;
  /** Where it belongs on the server (documentation for the README and apply script). */
  installPath: string;
  content: string;
  /** Unix mode, e.g. 0o755 for scripts; 0o644 when absent. */
  mode?: number;
  description: string;
};

export type Severity = "critical" | "warning" | "info";

/** What a header needs to know about the warnings engine's findings. */
export type HeaderWarning = { severity: Severity; title: string };

/**
 * Everything outside the rule set that reaches a file. The time is passed in (never read from the
 * clock here) so the same inputs always render byte-identical files and goldens stay stable.
 */
export type RenderMeta = {
  /** ISO 8601 timestamp. */
  generatedAt: string;
  productVersion: string;
  warnings: HeaderWarning[];
};

/** Something the profile asks for that this backend cannot express (or only approximately). */
export type Limitation = {
  backend: Backend;
  /** Stable id, e.g. `rate-limit-per-source`. */
  id: string;
  /** One safe line for file comments and the report. */
  detail: string;
};

/**
 * A backend renderer. `limitations` is separate from `render` so the warnings report and the UI
 * can list what will not be enforced without rendering (and reading back) the files.
 */
export type Renderer = {
  id: Backend;
  label: string;
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[];
  limitations(ruleSet: RuleSet): Limitation[];
};
