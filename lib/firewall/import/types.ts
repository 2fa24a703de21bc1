/**
 * Importing another firewall's configuration: the shapes every importer shares. Importers are
 * pure: the caller reads the files (CLI, upload) and passes their text; nothing here touches the
 * file system or the network.
 */
import type { Backend, OperatingSystem, Panel, PortRange, ProfileDocument } from "../policy/schema";

/** One input file: its path as given (only the base name is used to recognise it) and its text. */
export type ImportFile = { path: string; text: string };

export type FindingSeverity = "warning" | "info";

/**
 * Something the profile could not carry over, or carries differently. `warning`: the new rules
 * will behave differently from the old ones; `info`: nothing the firewall enforced is lost.
 */
export type Finding = { file: string; line: number; severity: FindingSeverity; message: string };

export type ImportResult = { document: ProfileDocument; findings: Finding[] };

/** `backend`: the firewall the profile will render for; the OS's recommended one when absent. */
export type ImportOptions = { panel: Panel; os: OperatingSystem; name: string; backend?: Backend };

/** Where a parsed piece came from, for findings and labels. */
export type Origin = { file: string; line: number };

/** A port opened in one direction for one protocol; inbound rules carry who may connect. */
export type ImportedRule = {
  direction: "inbound" | "outbound";
  protocol: "tcp" | "udp";
  ports: PortRange;
  /** "anyone", or canonical networks (IPv4 and IPv6 mixed). */
  sources: "anyone" | string[];
  origin: Origin;
};

export type ImportedBlock = { address: string; comment: string; origin: Origin };

export type ImportedLimit = {
  protocol: "tcp" | "udp";
  ports: PortRange;
  newConnections?: { count: number; seconds: number };
  concurrent?: number;
  origin: Origin;
};

/** What a backend's parser understood, before it is mapped onto the panel's catalog. */
export type ImportedFirewall = {
  ipv6: boolean;
  outbound: "allow-all" | "restricted";
  rules: ImportedRule[];
  blocked: ImportedBlock[];
  rateLimits: ImportedLimit[];
  findings: Finding[];
};

/**
 * Input that cannot be read at all (binary, truncated, a csf.conf CSF itself would refuse). The
 * message names the file and line; it is an expected failure, turned into a value by
 * `importFirewall`.
 */
export class ImportInputError extends Error {
  constructor(readonly file: string, readonly line: number | null, message: string) {
    super(line === null ? `${file}: ${message}` : `${file}, line ${line}: ${message}`);
  }
}

export type ImportOutcome = ({ ok: true } & ImportResult) | { ok: false; message: string };

/** A backend's parser: files in, what it understood out (throws ImportInputError on unreadable input). */
export type Importer = (files: readonly ImportFile[]) => ImportedFirewall;
