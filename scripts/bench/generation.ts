/**
 * Part 1: render all six backends and build the ZIP for the full cPanel profile, in process
 * (a warm worker, as a long-running server would be), plus the first (cold) call and peak memory.
 */
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { runWorker } from "./lib/child";

const PART = "1 generation";

export async function benchGeneration(options: { runs: number }): Promise<Figure[]> {
  const r = await runWorker("generation", { runs: options.runs * 8, warmup: 5, blocked: 50 });
  const bundle = r.bundle as number[];
  const render = r.render as number[];
  const fflate = r.fflate as number[];
  return [
    figure(PART, "full cPanel bundle: 6 backends + ZIP (warm)", "ms", bundle, {
      target: { op: "<", value: 20 },
      note: `in-process, native zlib (nodeDeflate); resolve + warnings + six renderers + apply.sh/READMEs/report + ZIP (${Math.round((r.zipBytes as number) / 1024)} KB); ${bundle.length} warm runs`,
    }),
    figure(PART, "same, CPU time instead of wall time", "ms", r.bundleCpu as number[], { note: "user + system of the process; not inflated when other work holds the cores" }),
    figure(PART, "same bundle, ZIP compressed by fflate (pure JS)", "ms", fflate, { target: { op: "<", value: 20 }, note: "the browser-safe default" }),
    figure(PART, "fflate / native zlib bundle time", "×", pairedRatios(fflate, bundle), { note: "paired per run" }),
    figure(PART, "full cPanel: resolve + render 6 backends only", "ms", render),
    figure(PART, "full cPanel bundle, first call in a fresh process", "ms", [r.cold as number], { note: "includes JIT warm-up; one sample" }),
    figure(PART, "peak RSS of the generating process", "MB", [r.peakRss as number], {
      note: `whole process (Node + tsx + modules: ${Math.round(r.baseRss as number)} MB before the first run); heap in use at the end ${Math.round(r.heapUsed as number)} MB; render median ${median(render).toFixed(1)} ms`,
    }),
  ];
}
