import "server-only";
import { concernTargets, type ConcernTarget } from "@/components/warnings/targets";
import type { BackendPreview } from "@/components/review/rules-preview";
import { downloadLabel } from "@/lib/api/downloads";
import { BACKENDS, getCatalog, resolvePolicy, type ProfileDocument, type Warning } from "@/lib/firewall";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { BACKEND_MODULES, listLimitations, renderRules } from "@/lib/firewall/backends";

/** Long rule files (a big blocked list) are cut in the preview; the download has them whole. */
const MAX_PREVIEW_LINES = 1500;

/** Every backend's files for the preview tabs, rendered exactly as the downloads render them. */
export function buildPreviews(document: ProfileDocument, warnings: readonly Warning[], downloadBase: string | null): BackendPreview[] {
  const ruleSet = resolvePolicy(document, getCatalog(document.server.panel));
  const meta = { generatedAt: new Date().toISOString(), productVersion: PRODUCT_VERSION, warnings: warnings };
  return BACKENDS.map((backend) => {
    const files = renderRules(backend, ruleSet, meta);
    return {
      backend,
      label: BACKEND_MODULES[backend].label,
      fullLabel: BACKEND_MODULES[backend].name,
      files: files.map((f) => {
        const lines = f.content.split("\n");
        const isTruncated = lines.length > MAX_PREVIEW_LINES;
        return {
          path: f.path, installPath: f.installPath, description: f.description, lineCount: lines.length, isTruncated,
          content: isTruncated ? lines.slice(0, MAX_PREVIEW_LINES).join("\n") : f.content,
        };
      }),
      limitations: listLimitations(backend, ruleSet).map((l) => l.detail),
      downloadHref: downloadBase ? `${downloadBase.replace("{backend}", backend)}` : null,
      downloadLabel: downloadLabel(BACKEND_MODULES[backend].name, files),
    };
  });
}

export function targetsByWarning(document: ProfileDocument, warnings: readonly Warning[]): Record<string, ConcernTarget[]> {
  const services = new Map(getCatalog(document.server.panel).services.map((s) => [s.id, s]));
  return Object.fromEntries(warnings.map((w) => [w.id, concernTargets(w, document.policy, services)]));
}
