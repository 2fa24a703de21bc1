/**
 * How a revision's document text is stored: a full copy, deflated, or a line delta against the
 * text of the revision before it, deflated. A profile document is JSON with one value per line
 * (two-space indent), so an edit changes a few lines: a one-comment edit of a 200,000-entry
 * profile stores a delta of a few hundred bytes instead of 15 MB. Pure (node:zlib and node:crypto
 * only), so it is tested on its own.
 */
import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** Copy `count` lines of the base text from line `start`, or insert these lines. */
export type DeltaOp = readonly [start: number, count: number] | readonly string[];
export type LineDelta = DeltaOp[];

const isCopy = (op: DeltaOp): op is readonly [number, number] => typeof op[0] === "number";

/**
 * The delta that turns `before` into `after`: one pass over `after`, copying runs of lines found
 * in `before`. A run continues where the last one ended; after a change it resumes at the line's
 * only occurrence in `before` (a blocked address, a rule id), so scattered edits in a long list
 * cost a few lines each. Linear in the size of both texts; exact whatever the input.
 */
export function diffLines(before: string, after: string): LineDelta {
  const a = before.split("\n");
  const b = after.split("\n");
  const unique = new Map<string, number>();
  a.forEach((line, i) => unique.set(line, unique.has(line) ? -1 : i));
  const ops: LineDelta = [];
  let inserted: string[] = [];
  let next = 0;
  let i = 0;
  while (i < b.length) {
    const line = b[i] as string;
    const at = unique.get(line) ?? -1;
    const start = a[next] === line ? next : at >= 0 ? at : a[next + 1] === line ? next + 1 : -1;
    if (start < 0) {
      inserted.push(line);
      i++;
      continue;
    }
    let count = 0;
    while (start + count < a.length && i + count < b.length && a[start + count] === b[i + count]) count++;
    if (inserted.length > 0) ops.push(inserted);
    inserted = [];
    const last = ops.at(-1);
    if (last && isCopy(last) && last[0] + last[1] === start) ops[ops.length - 1] = [last[0], last[1] + count];
    else ops.push([start, count]);
    i += count;
    next = start + count;
  }
  if (inserted.length > 0) ops.push(inserted);
  return ops;
}

/** Rebuilds the text `diffLines(before, …)` was made from; throws on a delta that does not fit `before`. */
export function applyDelta(before: string, delta: LineDelta): string {
  const a = before.split("\n");
  const out: string[] = [];
  for (const op of delta) {
    if (isCopy(op)) {
      const [start, count] = op;
      if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > a.length) {
        throw new Error(`The delta copies lines ${start}+${count} of a ${a.length}-line base.`);
      }
      for (let k = start; k < start + count; k++) out.push(a[k] as string);
    } else {
      for (const line of op) out.push(line);
    }
  }
  return out.join("\n");
}

export const sha256Of = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

export const packText = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(deflateRawSync(Buffer.from(text, "utf8")));
export const unpackText = (data: Uint8Array): string => inflateRawSync(data).toString("utf8");

export const packDelta = (delta: LineDelta): Uint8Array<ArrayBuffer> => packText(JSON.stringify(delta));
export const unpackDelta = (data: Uint8Array): LineDelta => JSON.parse(unpackText(data)) as LineDelta;
