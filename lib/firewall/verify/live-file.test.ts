/**
 * parseLiveFile reads by offsets (a section is one slice of the file). The reference here is the
 * line-by-line reading it replaced: both must give the same sections, line numbers and errors on
 * every recorded live file, on those files cut short or missing a line, and on generated files
 * built from markers, header lines and text that looks like markers, with LF or CRLF.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { LIVE_FORMAT_LINE, parseLiveFile, type LiveParse } from "./live-file";

const BEGIN = /^=== BEGIN (.+) ===$/;
const END = /^=== END (.+) status=(\d{1,3}) ===$/;
const SECTION_ID = /^(live [a-z0-9-]+|file \/[A-Za-z0-9_./*-]+|enabled [A-Za-z0-9_.@-]+|managers|apply)$/;

/** The sections as the line-by-line reader found them, or its error (the header's values are not checked here). */
function reference(text: string): unknown {
  const fail = (line: number, message: string) => ({ error: `live file, line ${line}: ${message}` });
  const lines = text.split(/\r?\n/);
  if (lines[0] !== LIVE_FORMAT_LINE) return "format";
  const keys = new Set<string>();
  let i = 1;
  for (; i < lines.length && !BEGIN.test(lines[i] ?? ""); i++) {
    if (lines[i] === "") continue;
    const m = /^([a-z-]+)=(.*)$/.exec(lines[i] ?? "");
    if (!m?.[1] || keys.has(m[1])) return fail(i + 1, m ? `"${m[1]}" is given twice.` : "expected key=value in the header.");
    keys.add(m[1]);
  }
  const sections: [string, { text: string; status: number; line: number }][] = [];
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line === "" && i === lines.length - 1) break;
    const id = BEGIN.exec(line)?.[1];
    if (id === undefined) return fail(i + 1, "expected === BEGIN <section> ===.");
    if (!SECTION_ID.test(id)) return fail(i + 1, `unknown section "${id.slice(0, 80)}".`);
    if (sections.some(([s]) => s === id)) return fail(i + 1, `section "${id}" appears twice.`);
    let j = i + 1;
    let end: RegExpExecArray | null = null;
    for (; j < lines.length; j++) {
      end = END.exec(lines[j] ?? "");
      if (end?.[1] === id) break;
      if (BEGIN.test(lines[j] ?? "")) return fail(j + 1, `section "${id}" (line ${i + 1}) has no END before the next section.`);
    }
    if (j >= lines.length || !end) return fail(i + 1, `section "${id}" never ends: the file is truncated.`);
    sections.push([id, { text: lines.slice(i + 1, j).join("\n"), status: Number(end[2]), line: i + 1 }]);
    i = j + 1;
  }
  return sections;
}

function parsed(text: string): unknown {
  const r: LiveParse = parseLiveFile(text);
  if (r.ok) return [...r.live.sections.values()].map(({ id, ...s }) => [id, s]);
  return r.message.includes(LIVE_FORMAT_LINE) ? "format" : { error: r.message };
}

const FIXTURES = join(__dirname, "../../../tests/fixtures");
const recorded = readdirSync(FIXTURES).flatMap((d) => (statSync(join(FIXTURES, d)).isDirectory() ? readdirSync(join(FIXTURES, d)).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(FIXTURES, d, f), "utf8")) : []))
  .filter((t) => t.startsWith(LIVE_FORMAT_LINE));
const HEADER = [LIVE_FORMAT_LINE, "backend=csf", "host=vm", "time=2026-12-03T10:20:06Z", "generator=test", "read-only=yes"];
const piece = fc.constantFrom(
  "=== BEGIN live iptables-save ===", "=== END live iptables-save status=0 ===", "=== BEGIN file /etc/csf/csf.conf ===", "=== END file /etc/csf/csf.conf status=1 ===",
  "=== BEGIN managers ===", "=== END managers status=0 ===", "=== END managers status=1000 ===", "=== BEGIN bogus id ===", "", "-A INPUT -j DROP", "=== x", "==== BEGIN managers ===", " === BEGIN managers ===", "\r", "host=a",
);

describe("parseLiveFile against the line-by-line reading", () => {
  test("every recorded live file, whole, cut short and missing a line", () => {
    expect(recorded.length).toBeGreaterThan(5);
    for (const text of recorded) {
      expect(parsed(text)).toEqual(reference(text));
      const lines = text.split("\n");
      for (let i = 0; i < lines.length; i += 97) {
        for (const t of [lines.slice(0, i).join("\n"), [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"), text.replace(/\n/g, "\r\n").slice(0, i * 40)]) expect(parsed(t)).toEqual(reference(t));
      }
    }
  });

  test("generated files of markers and look-alikes, LF or CRLF, with or without a last newline", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), (lines, newline, last) => {
        const text = [...HEADER, ...lines].join(newline) + (last ? newline : "");
        expect(parsed(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });
});
