/**
 * `--readme`: replaces the figures between the bench markers of docs/performance.md (README.md
 * keeps a summary and links there)
 * with this run's table, date and machine. The prose around the markers is written by hand.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pinnedCommit } from "./app-build";
import { ROOT } from "./child";
import type { Figure } from "./figures";
import { markdownTable } from "./table";

const BEGIN = "<!-- bench:begin (npm run bench -- --readme rewrites this block) -->";
const END = "<!-- bench:end -->";

export function writeReadmeFigures(figures: readonly Figure[], loads: readonly number[]): void {
  const file = path.join(ROOT, "docs", "performance.md");
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`docs/performance.md has no ${BEGIN} … ${END} block`);
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const load = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : "?";
  const block = [
    BEGIN,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} at commit ${pinnedCommit().slice(0, 7)} on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, Node ${process.version}; 1-minute load average ${load} during the parts.`,
    "",
    markdownTable(figures),
    "",
    END,
  ].join("\n");
  fs.writeFileSync(file, text.slice(0, start) + block + text.slice(end + END.length));
}
