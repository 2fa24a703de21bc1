/**
 * The live-state file verify.sh writes (`portcullis-live-<host>-<UTC time>.txt`): a versioned
 * header of `key=value` lines, then sections, each a command's output or a file's text between
 * `=== BEGIN <id> ===` and `=== END <id> status=<exit code> ===`. The parser is strict: a wrong
 * format line, an unknown header key, a section that never ends or a duplicated one is refused
 * with the line number, since a drift verdict on a half-read file would be wrong.
 */
import { z } from "zod";
import { BACKENDS } from "../policy/schema";

export const LIVE_FORMAT_LINE = "# portcullis-live format 1";
/** The largest live file read: a CSF server with 100,000 blocked addresses writes about 12 MB. */
export const MAX_LIVE_BYTES = 32 * 1024 * 1024;

/** `live nft-ruleset`, `file /etc/nftables.conf`, `enabled nftables`, `managers`, `apply`. */
const SECTION_ID = /^(live [a-z0-9-]+|file \/[A-Za-z0-9_./*-]+|enabled [A-Za-z0-9_.@-]+|managers|apply)$/;
const BEGIN = /^=== BEGIN (.+) ===$/;
const END = /^=== END (.+) status=(\d{1,3}) ===$/;

const headerSchema = z.strictObject({
  backend: z.enum(BACKENDS),
  host: z.string().regex(/^[A-Za-z0-9_.-]{1,253}$/, "host must be a host name"),
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "time must be UTC like 2026-12-02T07:30:00Z"),
  generator: z.string().max(100),
  "read-only": z.literal("yes"),
});

export type LiveHeader = z.infer<typeof headerSchema>;
export type LiveSection = { id: string; text: string; status: number; line: number };
export type LiveFile = LiveHeader & { sections: ReadonlyMap<string, LiveSection> };
export type LiveParse = { ok: true; live: LiveFile } | { ok: false; message: string };

const fail = (line: number, message: string): LiveParse => ({ ok: false, message: `live file, line ${line}: ${message}` });

export function parseLiveFile(text: string): LiveParse {
  if (text.length > MAX_LIVE_BYTES) return { ok: false, message: `live file is larger than ${MAX_LIVE_BYTES / 1024 / 1024} MB; refused.` };
  if (text.includes("\u0000")) return { ok: false, message: "live file contains a NUL byte: this is not a file verify.sh wrote." };
  const lines = text.split(/\r?\n/);
  if (lines[0] !== LIVE_FORMAT_LINE) return fail(1, `expected "${LIVE_FORMAT_LINE}" (is this a file verify.sh wrote, and from this Portcullis version?).`);
  const header: Record<string, string> = {};
  let i = 1;
  for (; i < lines.length && !BEGIN.test(lines[i] ?? ""); i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    const m = /^([a-z-]+)=(.*)$/.exec(line);
    if (!m?.[1] || m[1] in header) return fail(i + 1, m ? `"${m[1]}" is given twice.` : "expected key=value in the header.");
    header[m[1]] = m[2] ?? "";
  }
  const parsed = headerSchema.safeParse(header);
  if (!parsed.success) return fail(1, `invalid header: ${parsed.error.issues.map((x) => `${x.path.join(".") || "header"}: ${x.message}`).join("; ")}`);
  const sections = new Map<string, LiveSection>();
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line === "" && i === lines.length - 1) break;
    const id = BEGIN.exec(line)?.[1];
    if (id === undefined) return fail(i + 1, "expected === BEGIN <section> ===.");
    if (!SECTION_ID.test(id)) return fail(i + 1, `unknown section "${id.slice(0, 80)}".`);
    if (sections.has(id)) return fail(i + 1, `section "${id}" appears twice.`);
    const start = i;
    let j = i + 1;
    let end: RegExpExecArray | null = null;
    for (; j < lines.length; j++) {
      const l = lines[j] ?? "";
      // Both markers start so; a section's own lines (100,000 set members) need no pattern.
      if (!l.startsWith("=== ")) continue;
      end = END.exec(l);
      if (end?.[1] === id) break;
      if (BEGIN.test(l)) return fail(j + 1, `section "${id}" (line ${start + 1}) has no END before the next section.`);
    }
    if (j >= lines.length || !end) return fail(start + 1, `section "${id}" never ends: the file is truncated.`);
    sections.set(id, { id, text: lines.slice(start + 1, j).join("\n"), status: Number(end[2]), line: start + 1 });
    i = j + 1;
  }
  return { ok: true, live: { ...parsed.data, sections } };
}

/** The text of a section that ran successfully, or null (absent file, failed command). */
export function sectionText(live: LiveFile, id: string): string | null {
  const s = live.sections.get(id);
  return s && s.status === 0 ? s.text : null;
}
