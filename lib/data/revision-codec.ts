/**
 * How a revision's document text is stored: a full copy, deflated, or a line delta against the
 * text of the revision before it (runs of characters to copy, text to insert), deflated. A profile document is JSON with one value per line
 * (two-space indent), so an edit changes a few lines: a one-comment edit of a 200,000-entry
 * profile stores a delta of a few hundred bytes instead of 15 MB. Pure (node:zlib and node:crypto
 * only), so it is tested on its own.
 */
import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** Copy `length` characters of the base text from offset `start`, or insert this text. */
export type DeltaOp = readonly [start: number, length: number] | string;
export type LineDelta = DeltaOp[];

const BLOCK = 4096;

const isCopy = (op: DeltaOp): op is readonly [number, number] => typeof op !== "string";

/** `text` from `from` to `to` cut after each newline (each piece keeps its "\n"), with the offset of each. */
function linesOf(text: string, from: number, to: number): { lines: string[]; offsets: number[] } {
  const lines: string[] = [];
  const offsets: number[] = [];
  let at = from;
  while (at < to) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 || nl >= to ? to : nl + 1;
    lines.push(text.slice(at, end));
    offsets.push(at);
    at = end;
  }
  offsets.push(to);
  return { lines, offsets };
}

/**
 * The delta that turns `before` into `after`. The text both share at the start and at the end
 * (whole lines) is copied as two runs, without cutting it into lines: a one-comment edit of a
 * 15 MB profile compares characters once. In between, one pass over the lines of `after` copies
 * runs of lines found in `before`: a run continues where the last one ended, and after a change
 * resumes at the line's only occurrence in `before` (a blocked address, a rule id), so scattered
 * edits in a long list cost a few lines each. Linear in the size of both texts; exact whatever
 * the input.
 */
export function diffLines(before: string, after: string): LineDelta {
  const shorter = Math.min(before.length, after.length);
  // Whole blocks first (a native comparison), then character by character.
  let head = 0;
  while (head + BLOCK <= shorter && before.slice(head, head + BLOCK) === after.slice(head, head + BLOCK)) head += BLOCK;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  if (head > 0 && (head < before.length || head < after.length)) head = before.lastIndexOf("\n", head - 1) + 1;
  let tail = 0;
  const endsEqual = (n: number) => before.slice(before.length - tail - n, before.length - tail) === after.slice(after.length - tail - n, after.length - tail);
  while (tail + BLOCK <= shorter - head && endsEqual(BLOCK)) tail += BLOCK;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // The shared end starts at a line start (just after a newline), or at the end of the middle.
  while (tail > 0 && before.length - tail > head && before.charCodeAt(before.length - tail - 1) !== 10) tail--;

  const ops: LineDelta = [];
  const copy = (start: number, length: number) => {
    if (length === 0) return;
    const last = ops.at(-1);
    if (last !== undefined && isCopy(last) && last[0] + last[1] === start) ops[ops.length - 1] = [last[0], last[1] + length];
    else ops.push([start, length]);
  };
  copy(0, head);
  const a = linesOf(before, head, before.length - tail);
  const b = linesOf(after, head, after.length - tail).lines;
  const unique = new Map<string, number>();
  a.lines.forEach((line, k) => unique.set(line, unique.has(line) ? -1 : k));
  let inserted = "";
  let next = 0;
  let i = 0;
  while (i < b.length) {
    const line = b[i] as string;
    const at = unique.get(line) ?? -1;
    const start = a.lines[next] === line ? next : at >= 0 ? at : a.lines[next + 1] === line ? next + 1 : -1;
    if (start < 0) {
      inserted += line;
      i++;
      continue;
    }
    let count = 0;
    while (start + count < a.lines.length && i + count < b.length && a.lines[start + count] === b[i + count]) count++;
    if (inserted !== "") ops.push(inserted);
    inserted = "";
    copy(a.offsets[start] as number, (a.offsets[start + count] as number) - (a.offsets[start] as number));
    i += count;
    next = start + count;
  }
  if (inserted !== "") ops.push(inserted);
  copy(before.length - tail, tail);
  return ops;
}

/** Rebuilds the text `diffLines(before, …)` was made from; throws on a delta that does not fit `before`. */
export function applyDelta(before: string, delta: LineDelta): string {
  const out: string[] = [];
  for (const op of delta) {
    if (!isCopy(op)) {
      out.push(op);
      continue;
    }
    const [start, length] = op;
    if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 1 || start + length > before.length) {
      throw new Error(`The delta copies characters ${start}+${length} of a base of ${before.length}.`);
    }
    out.push(before.slice(start, start + length));
  }
  return out.join("");
}

export const sha256Of = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

export const packText = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(deflateRawSync(Buffer.from(text, "utf8")));
export const unpackText = (data: Uint8Array): string => inflateRawSync(data).toString("utf8");

export const packDelta = (delta: LineDelta): Uint8Array<ArrayBuffer> => packText(JSON.stringify(delta));
export const unpackDelta = (data: Uint8Array): LineDelta => JSON.parse(unpackText(data)) as LineDelta;
