/**
 * Shared by every command that takes a profile file (assess, render, bundle): read it, validate
 * it with the profile schema, and on failure print each problem with its JSON path, then stop
 * with exit code 2.
 */
import { parseProfileDocument, type DocumentIssue } from "@/lib/firewall/policy/document";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { processIo } from "./io";
import { CliExit, EXIT_USAGE, type Io } from "./types";

export function formatIssues(source: string, issues: readonly DocumentIssue[]): string {
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
  return `${source} is not a valid Portcullis profile (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines.join("\n")}`;
}

/** The validated profile in `path` ("-" for standard input); prints and exits 2 if unreadable or invalid. */
export async function loadProfileFile(path: string, io: Io = processIo): Promise<ProfileDocument> {
  const source = path === "-" ? "standard input" : path;
  let text: string;
  try {
    text = await io.readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`Cannot read ${source}: ${code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error)}`);
    throw new CliExit(EXIT_USAGE);
  }
  const result = parseProfileDocument(text);
  if (!result.ok) {
    io.err(formatIssues(source, result.issues));
    throw new CliExit(EXIT_USAGE);
  }
  return result.value;
}
