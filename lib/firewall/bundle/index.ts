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

/** The ZIP and what it holds (paths and sizes; the texts are not kept: see `bundleEntries` for them). */
export type Bundle = { fileName: string; files: { path: string; bytes: number }[]; zip: Uint8Array };

/** `My Server.example` → `my-server-example`: safe in a file name and a Content-Disposition header. */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "server";
}

/**
 * Every file of the bundle, as text, under the `<slug>/` folder, one backend at a time: a consumer
 * that compresses each entry as it comes (buildBundle) never holds more than one backend's text
 * (a 100,000-entry profile renders 45 MB of rule text over the six backends).
 */
export function* bundleEntryStream(document: ProfileDocument, options: BundleOptions): Generator<BundleEntry> {
  const ruleSet = resolvePolicy(document, getCatalog(document.server.panel));
  const warnings = assessPolicy(document);
  const meta: RenderMeta = { generatedAt: options.generatedAt, productVersion: options.productVersion, warnings };
  const root = slugify(document.server.name);
  const limitations: Partial<Record<Backend, Limitation[]>> = {};
  for (const backend of options.backends ?? BACKENDS) {
    const tool = BACKEND_MODULES[backend];
    const files = tool.render(ruleSet, meta);
    const notEnforced = tool.limitations(ruleSet);
    limitations[backend] = notEnforced;
    // The files that read the rule files first; the backend's texts are released when the next one starts.
    const apply = tool.apply(ruleSet, files, meta);
    const readme = renderReadme(tool, osFamily(ruleSet.server.os), ruleSet, files, notEnforced);
    for (const f of files) yield { path: `${root}/${backend}/${f.path}`, content: f.content, mode: f.mode ?? 0o644 };
    yield { path: `${root}/${backend}/apply.sh`, content: apply, mode: 0o755 };
    yield { path: `${root}/${backend}/verify.sh`, content: verifyScript(backend, tool.verify, ruleSet, meta), mode: 0o755 };
    yield { path: `${root}/${backend}/README.md`, content: readme, mode: 0o644 };
  }
  const report = { ruleSet, warnings, limitations, generatedAt: options.generatedAt, productVersion: options.productVersion, sourceLists: document.policy.sourceLists };
  const included = options.backends ?? BACKENDS;
  const withExim = ruleSet.eximReverseDns !== "off";
  yield { path: `${root}/README.md`, content: renderBundleOverview(ruleSet, document.policy.backend, included, withExim), mode: 0o644 };
  yield { path: `${root}/REPORT.md`, content: renderReportMarkdown(report), mode: 0o644 };
  yield { path: `${root}/report.html`, content: renderReportHtml(report), mode: 0o644 };
  yield { path: `${root}/profile.json`, content: serializeProfileDocument(document), mode: 0o644 };
  if (ruleSet.eximReverseDns !== "off") {
    yield { path: `${root}/exim/reverse-dns-acl.txt`, content: eximReverseDnsAcl(ruleSet.eximReverseDns), mode: 0o644 };
  }
}

/** Every file of the bundle, as text (the CLI's render, tests). */
export function bundleEntries(document: ProfileDocument, options: BundleOptions): BundleEntry[] {
  return [...bundleEntryStream(document, options)];
}

/** The ZIP (Unix modes kept, so apply.sh stays executable after unzip), each file compressed as it is rendered. */
export function buildBundle(document: ProfileDocument, options: BundleOptions): Bundle {
  const files: Bundle["files"] = [];
  const zip = zipEntries(bundleEntryStream(document, options), new Date(options.generatedAt), options.deflate, (path, bytes) => files.push({ path, bytes }));
  return { fileName: `${slugify(document.server.name)}.zip`, files, zip };
}

export type { RawDeflate } from "./zip";
