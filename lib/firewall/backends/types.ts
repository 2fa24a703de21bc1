import type { Effective } from "../import/compare";
import type { ImportFile } from "../import/types";
import type { RuleSet } from "../policy/resolve";
import type { Drift } from "../verify/diff";
import type { LiveFile } from "../verify/live-file";
import type { OsFamily } from "../policy/os";
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

/**
 * What a file header needs to know about the warnings engine's findings: the stable id and the
 * severity. The wording lives in the report, so rewording a warning rewrites no rule file.
 */
export type HeaderWarning = { severity: Severity; id: string };

/**
 * Everything outside the rule set that reaches a file. The time is passed in (never read from the
 * clock here) so the same inputs always render byte-identical files and goldens stay stable.
 */
export type RenderMeta = {
  /** ISO 8601 timestamp. */
  generatedAt: string;
  productVersion: string;
  warnings: readonly HeaderWarning[];
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
 * How a backend renders. `limitations` is separate from `render` so the warnings report and the
 * UI can list what will not be enforced without rendering (and reading back) the files.
 */
export type Renderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[];
  limitations(ruleSet: RuleSet): Limitation[];
};

/**
 * How the bundle's apply.sh keeps the admin from being locked out: a timer that restores the
 * previous rules unless confirmed from a new connection, or the tool's own testing mode (CSF
 * TESTING, APF DEVEL_MODE), which flushes the firewall on a schedule until it is turned off.
 */
export type SafetyNet = "timed-rollback" | "testing-mode";

/** Something apply.sh replaces on the server, and where (inside its state folder) it keeps the copy. */
export type Replaced = { what: string; backup: string };

/** The plain facts about a backend (`backends/<id>/facts.ts`): safe to load in the browser. */
export type BackendFacts = {
  id: Backend;
  /** Short name for menus, warnings and headings, e.g. `CSF`. */
  label: string;
  /** Full name for the bundle README, e.g. `CSF (ConfigServer Security & Firewall)`. */
  name: string;
  safetyNet: SafetyNet;
  /** Everything apply.sh replaces, for the README; the rollback puts the copies back. */
  replaces: readonly Replaced[];
};

/**
 * What the live file says about this backend, reduced to what the comparison needs
 * (lib/firewall/verify/compare.ts). Foreign tables and chains (Docker, fail2ban) are named in
 * `foreign` and already taken out of `running`, so they never count as drift.
 */
export type LiveView = {
  /** The running state, as files the backend's importer reads. */
  running: ImportFile[];
  /** Parts of ours absent from the running state (table, chains, their hooks). */
  missing: string[];
  foreign: string[];
  /** Other tables or chains that filter this server's traffic, neither ours nor known foreign. */
  extra: string[];
  /** What loads at the next boot, as importer files, or why nothing (or not ours) loads. */
  boot: { files: ImportFile[] } | { problem: string };
  /** An apply waiting for confirmation (or a testing mode still on), in words; null when none. */
  pending: string | null;
};

/** verify.sh's inputs (commands and files, fixed strings) and the reading of what it wrote. */
export type VerifySpec = {
  /** Read-only commands; each output becomes section `live <id>`. */
  commands: readonly { id: string; command: string }[];
  /** Files (globs allowed) recorded as sections `file <path>`; absent ones get status 1. */
  files: readonly string[];
  /** Services whose `systemctl is-enabled` is recorded as `enabled <name>`. */
  services: readonly string[];
  /** `expected`: what the revision asks for that changes which live parts must exist. */
  read(live: LiveFile, expected: { ipv6: boolean }): LiveView;
  /**
   * How the revision is read for the comparison: `rendered` renders it for this backend and reads
   * the files back with the importer (same reader on both sides); `profile` takes the profile's
   * own rule set, for backends whose rendered files are not what the importer reads on a server.
   */
  expected: "rendered" | "profile";
  /**
   * For backends with one rule file per family (iptables): the importer files of one family, so
   * each family is compared on its own and a port opened on IPv4 only is named as such.
   */
  family?(files: readonly ImportFile[], family: "IPv4" | "IPv6"): ImportFile[];
  /**
   * With `family`: each family's expected filtering is taken from the profile (effectiveOfFamily)
   * instead of rendering the revision and reading that family's files back. Only where a property
   * test proves the two equal (iptables); CSF and APF render, since their tools shape each family.
   */
  familyFromProfile?: boolean;
  /**
   * Where the revision is rendered (`expected: "rendered"`, or `family` without
   * `familyFromProfile`): it is rendered without its blocked entries, and the blocked list (each
   * family's, with `family`) is the profile's as this function keeps it, since the tool loads
   * those entries as written (a property test per backend proves the two equal). With 100,000
   * entries, rendering and reading them back was most of a verification.
   */
  blockedFromProfile?(blocked: string[]): string[];
  /**
   * For tools that build kernel rules from their files (APF): the rules loaded in the kernel
   * compared with what the recorded files (`running`) say, so a rule added, deleted or changed by
   * hand with iptables is named though the files are right.
   */
  loaded?(live: LiveFile, files: readonly ImportFile[], read: LoadedReader): Drift[];
};

/** What `VerifySpec.loaded` gets from the comparison: an importer-to-effective reader, a family splitter, and whether the files match the revision. */
export type LoadedReader = {
  effective(backend: Backend, files: readonly ImportFile[], what: string): Effective;
  /** The backend's `family`, remembered for the verification (all files for a backend without one). */
  family(files: readonly ImportFile[], family: "IPv4" | "IPv6"): ImportFile[];
  filesAgree: boolean;
};

/** Everything about one backend, gathered in its folder `backends/<id>/index.ts`. */
export type BackendModule = BackendFacts & Renderer & {
  /** apply.sh: checks, snapshot, safety net, apply (the files are this backend's `render` output). */
  apply(ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta): string;
  /** README steps that make the rules load at boot on this server's OS family. */
  bootSteps(family: OsFamily): string[];
  /** verify.sh: the live state, boot configuration and apply state into one file. */
  verify: VerifySpec;
};

/** A problem a backend's own checker (CSF, APF: no offline validator exists) finds in a file. */
export type LintIssue = { line: number; message: string };
