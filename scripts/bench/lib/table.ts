/** The one table `npm run bench` prints (plain text for the terminal, Markdown for the README). */
import { median, verdict, type Figure } from "./figures";

function num(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function targetText(f: Figure): string {
  return f.target ? `${f.target.op} ${num(f.target.value)} ${f.unit}` : "";
}

type Row = string[];

function rows(figures: readonly Figure[]): Row[] {
  return figures.map((f) => {
    const n = f.samples.length;
    const lo = n ? Math.min(...f.samples) : Number.NaN;
    const hi = n ? Math.max(...f.samples) : Number.NaN;
    return [f.part, f.name, `${num(median(f.samples))} ${f.unit}`, n > 1 ? `${num(lo)}–${num(hi)}` : "", String(n), targetText(f), verdict(f)];
  });
}

const HEAD = ["Part", "Measurement", "Median", "Min–max", "n", "Target", "Result"];

export function textTable(figures: readonly Figure[]): string {
  const all = [HEAD, ...rows(figures)];
  const widths = HEAD.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: Row) => r.map((cell, c) => (c === 2 || c === 3 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  const out = [line(HEAD), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of all.slice(1)) out.push(line(r));
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.part} / ${f.name}: ${f.note}`);
  return [...out, ...(notes.length ? ["", "Notes:", ...notes] : [])].join("\n");
}

export function markdownTable(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const out = [`| ${HEAD.join(" | ")} |`, `|${HEAD.map((_, i) => (i >= 2 && i <= 4 ? "---:" : "---")).join("|")}|`];
  for (const r of rows(figures)) out.push(`| ${r.map(esc).join(" | ")} |`);
  return out.join("\n");
}
