/**
 * `npm run bench [-- PART… ] [--runs N] [--count N] [--markdown] [--readme] [--json FILE]`: the performance
 * figures of issue 7, each the median of several runs, with named side-by-side ratios and a
 * pass/MISS per target. PART is one of the keys of PARTS (default: all, in that order).
 * Not part of `npm test`: timings on a shared machine are reported, never asserted.
 */
import fs from "node:fs";
import os from "node:os";
import { benchAnsible } from "./ansible";
import { benchApply } from "./apply";
import { benchBlocklistRender } from "./blocklist";
import { benchGeneration } from "./generation";
import { benchImport } from "./import";
import { benchPackets } from "./packets";
import { benchPeers } from "./peers";
import { benchNftVariants } from "./nft-variants";
import { benchBrowser } from "./browser";
import { benchFleet } from "./fleet";
import { benchWeb } from "./web";
import { benchVerify } from "./verify";
import { benchWorkers } from "./workers";
import type { Figure } from "./lib/figures";
import { writeReadmeFigures } from "./lib/readme";
import { markdownTable, textTable } from "./lib/table";

export type Options = { runs: number; count: number };

const PARTS: Record<string, { about: string; run: (o: Options) => Promise<Figure[]> }> = {
  generation: { about: "1. full cPanel profile: six backends + ZIP, in process", run: benchGeneration },
  render: { about: "2. 100k blocked entries: render every backend (child process, peak RSS)", run: benchBlocklistRender },
  apply: { about: "2. 100k blocked entries: load times vs the naive linear chain (namespaces)", run: benchApply },
  nftload: { about: "2. 100k blocked entries: nft set layouts and re-apply ways vs the naive restore file (namespaces; issue 19)", run: benchNftVariants },
  peers: { about: "2. 10,000 blocked entries: real APF 9.7 vs our APF bundle and nftables file, whole starts (namespaces, private root; issue 19)", run: benchPeers },
  packets: { about: "2. 100k blocked entries: new connections and established round trips through the rules (namespaces)", run: benchPackets },
  web: { about: "3. production build under load: bundle download, server list with 10,000 profiles", run: benchWeb },
  workers: { about: "3. one server process vs two worker processes, same build, alternating runs", run: benchWorkers },
  browser: { about: "4. matrix page in Chromium: tick → live warnings, JavaScript size", run: benchBrowser },
  verify: { about: "6. verify a server with 100k blocked entries: verify.sh in a namespace, then the comparison in process (issue 15)", run: benchVerify },
  fleet: { about: "7. server list with 10,000 indexed servers: first page for each kind of filter, p50/p95 (issue 17)", run: benchFleet },
  ansible: { about: "8. deploy to 20 namespace servers with the real ansible-playbook, default forks (issue 16)", run: benchAnsible },
  import: { about: "5. import a 100k-line csf.deny, a 100k-rule iptables-save and a 100k-element nft set into a profile (issue 14)", run: benchImport },
};

function parseArgs(argv: string[]): { parts: string[]; options: Options; markdown: boolean; readme: boolean; json?: string } {
  const parts: string[] = [];
  const options: Options = { runs: 5, count: 100_000 };
  let markdown = false;
  let readme = false;
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--runs") options.runs = Math.max(1, Number(argv[++i]));
    else if (a === "--count") options.count = Math.max(1, Number(argv[++i]));
    else if (a === "--markdown") markdown = true;
    else if (a === "--readme") readme = true;
    else if (a === "--json") json = argv[++i];
    else if (a === "--help" || a === "-h") {
      console.log(`npm run bench -- [${Object.keys(PARTS).join("|")}]… [--runs N] [--count N] [--markdown] [--readme] [--json FILE]`);
      for (const [k, p] of Object.entries(PARTS)) console.log(`  ${k.padEnd(11)} ${p.about}`);
      process.exit(0);
    } else if (PARTS[a]) parts.push(a);
    else throw new Error(`Unknown argument "${a}" (try --help).`);
  }
  return { parts: parts.length ? parts : Object.keys(PARTS), options, markdown, readme, json };
}

async function main(): Promise<void> {
  const { parts, options, markdown, readme, json } = parseArgs(process.argv.slice(2));
  const figures: Figure[] = [];
  const loads: number[] = [];
  console.log(`Portcullis bench: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.loadavg()[0]!.toFixed(2)} load; runs=${options.runs}`);
  for (const name of parts) {
    const part = PARTS[name]!;
    const started = performance.now();
    loads.push(os.loadavg()[0]!);
    process.stdout.write(`… ${part.about} [load ${os.loadavg()[0]!.toFixed(1)}]`);
    try {
      const got = await part.run(options);
      figures.push(...got);
      process.stdout.write(` (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    } catch (error) {
      process.stdout.write(" FAILED\n");
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    }
  }
  console.log(`\n${textTable(figures)}`);
  if (markdown) console.log(`\n${markdownTable(figures)}`);
  if (readme) writeReadmeFigures(figures, loads);
  if (json) fs.writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, figures }, null, 2));
}

void main();
