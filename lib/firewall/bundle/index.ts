/**
 * The download bundle: one ZIP per server with a top-level README.md (which folder to use, in
 * which order), a folder per backend (rule files, README.md, apply.sh), the warnings report
 * (Markdown and HTML), verify.sh per backend, the re-importable profile.json, and the
 * Exim reverse-DNS ACL when the profile asks for it. Pure (fflate), so it runs in a route
 * handler, the CLI or the browser alike; the time comes in, so the same input gives the same bytes.
 */
import { eximReverseDnsAcl, getCatalog } from "../catalog";
import { serializeProfileDocument } from "../policy/document";
import { resolvePolicy } from "../policy/resolve";
import { BACKENDS, type Backend, type ProfileDocument } from "../policy/schema";
import { BACKEND_MODULES } from "../backends";
import type { Limitation, RenderMeta } from "../backends/types";
import { verifyScript } from "../backends/shared/verify-frame";
import { osFamily } from "../policy/os";
import { assessPolicy } from "../warnings";
import { renderBundleOverview } from "./overview";
import { renderReadme } from "./readme";
import { renderReportHtml, renderReportMarkdown } from "./report";
import { zipEntries, type RawDeflate } from "./zip";

export type BundleOptions = {
  /** ISO 8601; also the timestamp of every ZIP entry. */
  generatedAt: string;
  productVersion: string;
  /** Defaults to all six. */
  backends?: readonly Backend[];
  /** Native compression for servers (`nodeDeflate` from ./node-deflate); fflate when absent. */
  deflate?: RawDeflate;
};

export type BundleEntry = { path: string; content: string; mode: number };

export type Bundle = { fileName: string; entries: BundleEntry[]; zip: Uint8Array };

/** `My Server.example` → `my-server-example`: safe in a file name and a Content-Disposition header. */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "server";
}

/** Every file of the bundle, as text, under the `<slug>/` folder. */
export function bundleEntries(document: ProfileDocument, options: BundleOptions): BundleEntry[] {
  const ruleSet = resolvePolicy(document, getCatalog(document.server.panel));
  const warnings = assessPolicy(document);
  const meta: RenderMeta = { generatedAt: options.generatedAt, productVersion: options.productVersion, warnings };
  const root = slugify(document.server.name);
  const entries: BundleEntry[] = [];
  const limitations: Partial<Record<Backend, Limitation[]>> = {};
  for (const backend of options.backends ?? BACKENDS) {
    const tool = BACKEND_MODULES[backend];
    const files = tool.render(ruleSet, meta);
    const notEnforced = tool.limitations(ruleSet);
    limitations[backend] = notEnforced;
    for (const f of files) entries.push({ path: `${root}/${backend}/${f.path}`, content: f.content, mode: f.mode ?? 0o644 });
    entries.push({ path: `${root}/${backend}/apply.sh`, content: tool.apply(ruleSet, files, meta), mode: 0o755 });
    entries.push({ path: `${root}/${backend}/verify.sh`, content: verifyScript(backend, tool.verify, ruleSet, meta), mode: 0o755 });
    entries.push({ path: `${root}/${backend}/README.md`, content: renderReadme(tool, osFamily(ruleSet.server.os), ruleSet, files, notEnforced), mode: 0o644 });
  }
  const report = { ruleSet, warnings, limitations, generatedAt: options.generatedAt, productVersion: options.productVersion, sourceLists: document.policy.sourceLists };
  const included = options.backends ?? BACKENDS;
  const withExim = ruleSet.eximReverseDns !== "off";
  entries.push({ path: `${root}/README.md`, content: renderBundleOverview(ruleSet, document.policy.backend, included, withExim), mode: 0o644 });
  entries.push({ path: `${root}/REPORT.md`, content: renderReportMarkdown(report), mode: 0o644 });
  entries.push({ path: `${root}/report.html`, content: renderReportHtml(report), mode: 0o644 });
  entries.push({ path: `${root}/profile.json`, content: serializeProfileDocument(document), mode: 0o644 });
  if (ruleSet.eximReverseDns !== "off") {
    entries.push({ path: `${root}/exim/reverse-dns-acl.txt`, content: eximReverseDnsAcl(ruleSet.eximReverseDns), mode: 0o644 });
  }
  return entries;
}

/** The ZIP (Unix modes kept, so apply.sh stays executable after unzip). */
export function buildBundle(document: ProfileDocument, options: BundleOptions): Bundle {
  const entries = bundleEntries(document, options);
  return { fileName: `${slugify(document.server.name)}.zip`, entries, zip: zipEntries(entries, new Date(options.generatedAt), options.deflate) };
}

export type { RawDeflate } from "./zip";
