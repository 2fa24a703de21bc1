/**
 * What every measurement returns: a named figure with its samples (one per run), an optional
 * target, and a note. Ratios of figures measured side by side in the same run are figures too.
 */
export type Target = { op: "<" | ">="; value: number };

export type Figure = {
  part: string;
  name: string;
  unit: string;
  samples: number[];
  target?: Target;
  /** Why a figure is what it is (method, extrapolation, cause of a miss). */
  note?: string;
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function verdict(figure: Figure): "pass" | "MISS" | "" {
  if (!figure.target) return "";
  const m = median(figure.samples);
  const ok = figure.target.op === "<" ? m < figure.target.value : m >= figure.target.value;
  return ok ? "pass" : "MISS";
}

/** Per-run ratios a/b of two figures measured in the same rounds (paired, so drift cancels). */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => a[i]! / b[i]!);
}

/** Time one call in milliseconds. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function figure(part: string, name: string, unit: string, samples: number[], extra: Partial<Pick<Figure, "target" | "note">> = {}): Figure {
  return { part, name, unit, samples, ...extra };
}
