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
  // Read by offsets: a section's text is one slice of the file, and only lines that start like a
  // marker are looked at inside it (a section can hold 100,000 set members).
  const src = text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
  const endOf = (from: number) => {
    const e = src.indexOf("\n", from);
    return e === -1 ? src.length : e;
  };
  /** The line number of offset `to`, counted on from line `line` at offset `from`. */
  const lineAt = (line: number, from: number, to: number) => {
    let n = line;
    for (let k = src.indexOf("\n", from); k !== -1 && k < to; k = src.indexOf("\n", k + 1)) n++;
    return n;
  };
  /** The offset of the next line at or after `from` that starts with "=== ", or -1. */
  const nextMarker = (from: number) => {
    if (src.startsWith("=== ", from) && (from === 0 || src[from - 1] === "\n")) return from;
    const k = src.indexOf("\n=== ", from);
    return k === -1 ? -1 : k + 1;
  };
  if (src.slice(0, endOf(0)) !== LIVE_FORMAT_LINE) return fail(1, `expected "${LIVE_FORMAT_LINE}" (is this a file verify.sh wrote, and from this Portcullis version?).`);
  const header: Record<string, string> = {};
  let pos = endOf(0) + 1;
  let line = 2;
  for (; pos <= src.length && !BEGIN.test(src.slice(pos, endOf(pos))); pos = endOf(pos) + 1, line++) {
    const l = src.slice(pos, endOf(pos));
    if (l === "") continue;
    const m = /^([a-z-]+)=(.*)$/.exec(l);
    if (!m?.[1] || m[1] in header) return fail(line, m ? `"${m[1]}" is given twice.` : "expected key=value in the header.");
    header[m[1]] = m[2] ?? "";
  }
  const parsed = headerSchema.safeParse(header);
  if (!parsed.success) return fail(1, `invalid header: ${parsed.error.issues.map((x) => `${x.path.join(".") || "header"}: ${x.message}`).join("; ")}`);
  const sections = new Map<string, LiveSection>();
  while (pos <= src.length) {
    const l = src.slice(pos, endOf(pos));
    // The empty line after the file's last newline.
    if (l === "" && endOf(pos) === src.length) break;
    const id = BEGIN.exec(l)?.[1];
    if (id === undefined) return fail(line, "expected === BEGIN <section> ===.");
    if (!SECTION_ID.test(id)) return fail(line, `unknown section "${id.slice(0, 80)}".`);
    if (sections.has(id)) return fail(line, `section "${id}" appears twice.`);
    const start = endOf(pos) + 1;
    let end: RegExpExecArray | null = null;
    let at = start > src.length ? -1 : nextMarker(start);
    for (; at !== -1; at = nextMarker(endOf(at))) {
      const marker = src.slice(at, endOf(at));
      end = END.exec(marker);
      if (end?.[1] === id) break;
      if (BEGIN.test(marker)) return fail(lineAt(line, pos, at), `section "${id}" (line ${line}) has no END before the next section.`);
    }
    if (at === -1 || !end) return fail(line, `section "${id}" never ends: the file is truncated.`);
    sections.set(id, { id, text: at > start ? src.slice(start, at - 1) : "", status: Number(end[2]), line });
    line = lineAt(line, pos, at) + 1;
    pos = endOf(at) + 1;
  }
  return { ok: true, live: { ...parsed.data, sections } };
}

/** The text of a section that ran successfully, or null (absent file, failed command). */
export function sectionText(live: LiveFile, id: string): string | null {
  const s = live.sections.get(id);
  return s && s.status === 0 ? s.text : null;
}
