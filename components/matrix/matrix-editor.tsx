"use client";

import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { useHydrated } from "@/components/ui/use-hydrated";
import { concernTargets } from "@/components/warnings/targets";
import { WarningsPanel } from "@/components/warnings/warnings-panel";
import { formatPorts, getCatalog, recommendedBackend, serializeProfileDocument, servicePorts, type Catalog, type Policy } from "@/lib/firewall";
import { CATEGORY_LABELS } from "@/lib/firewall/catalog/types";
import type { Server } from "@/lib/firewall/policy/schema";
import type { MatrixStart } from "@/lib/validations/matrix-draft";
import type { Warning } from "@/lib/firewall/warnings/types";
import { BlockedList } from "./blocked-list";
import { CustomRules } from "./custom-rules";
import { PolicySettings } from "./policy-settings";
import { RateLimits } from "./rate-limits";
import { SaveBar } from "./save-bar";
import { ServiceMatrix, type ServiceView } from "./service-matrix";
import { useLeaveGuard } from "./use-leave-guard";
import { useMatrix, type SaveFn } from "./use-matrix";
import { MergeView } from "./merge-view";
import { useMergeView } from "./use-merge";
import { SkipToSave, useSaveKeys } from "./use-save-keys";
import { resetOverride, serviceOverrideKey, templateOverrides } from "@/lib/firewall/policy/template";
import { TemplateOverrides, type FollowingView } from "./template-overrides";

type Props = {
  /** Where "Review" leads: the server's review page, or a template's review of its followers. */
  review: { href: string; label: string };
  /** The template this server follows (its overrides are shown and can be reset), or none. */
  following?: FollowingView;
  server: Server;
  start: MatrixStart;
  version: number;
  savedAt: string;
  isDefault: boolean;
  isReadOnly: boolean;
  save: SaveFn;
};

/**
 * Row names start every control's accessible name: "FTP 21/tcp inbound". A configurable range
 * (FTP passive) shows the last saved one, not the catalog's.
 */
function serviceViews(catalog: Catalog, server: Server, saved: Policy["services"]): ServiceView[] {
  const byId = new Map(catalog.services.map((s) => [s.id, s]));
  return catalog.services.map((service) => {
    const portText = formatPorts(servicePorts(service, saved[service.id], server.sshPort));
    const protocols = [service.defaults.tcp ? "tcp" : "", service.defaults.udp ? "udp" : ""].filter(Boolean).join("+") || "tcp";
    const twin = service.secureTwin ? byId.get(service.secureTwin) : undefined;
    const twinText = twin ? (twin.isSsh ? `SFTP (SSH ${server.sshPort})` : `${twin.name} ${formatPorts(twin.port)}`) : undefined;
    const haystack = [service.name, service.id, portText, service.note, CATEGORY_LABELS[service.category]].join(" ").toLowerCase();
    return { service, name: `${service.name} ${portText}/${protocols}`, portText, twin: twinText, haystack };
  });
}

/** Scrolls a row or section into view, marks it (:target) and focuses its first control. */
function revealAnchor(anchor: string): void {
  const element = document.getElementById(anchor);
  if (!element) return;
  if (window.location.hash === `#${anchor}`) element.scrollIntoView({ block: "center" });
  else window.location.hash = anchor;
  element.querySelector<HTMLElement>("input, select, textarea, button")?.focus({ preventScroll: true });
}

export function MatrixEditor({ review, following, server: initialServer, start, version, savedAt, isDefault, isReadOnly, save }: Props) {
  const m = useMatrix(initialServer, start, version, savedAt, save);
  const { server } = m;
  const mergeView = useMergeView(m.merge);
  const allowReload = useLeaveGuard(m.isDirty);
  // Until React runs, a tick would change the box but not the draft (and be undone): keep the controls off.
  const isHydrated = useHydrated();
  const isLocked = isReadOnly || !isHydrated;
  const [query, setQuery] = useState("");
  const catalog = getCatalog(server.panel);
  const savedServices = m.savedPolicy.services;
  const views = useMemo(() => serviceViews(catalog, server, savedServices), [catalog, server, savedServices]);
  const services = useMemo(() => new Map(catalog.services.map((s) => [s.id, s])), [catalog]);
  const policy = m.reading.policy;
  const targetsOf = useCallback((w: Warning) => concernTargets(w, policy, services), [policy, services]);
  const sourceLists = m.draft.sourceLists;
  const listInfo = useMemo(() => ({ sourceLists, adminSources: server.adminSources }), [sourceLists, server.adminSources]);

  const overrides = useMemo(() => (following ? templateOverrides(following.base, policy, server.panel) : []), [following, policy, server.panel]);
  const overridden = useMemo(() => new Set(overrides.flatMap((o) => (o.area === "service" ? [o.id] : []))), [overrides]);
  const resetLock = isLocked ? "Read only." : m.reading.errorCount > 0 ? "Fix the fields marked in red before resetting to the template." : null;
  const { replacePolicy } = m;
  const onReset = useCallback((key: string) => {
    if (following && resetLock === null) replacePolicy(resetOverride(policy, following.base, key));
  }, [following, policy, replacePolicy, resetLock]);
  const resetService = useCallback((id: string) => onReset(serviceOverrideKey(id)), [onReset]);

  const isDefaultShown = isDefault && m.saved.version === version;
  useSaveKeys(!isLocked && !m.isSaving && !m.merge && (m.isDirty || isDefaultShown), m.onSave);

  const locate = useCallback((anchor: string) => {
    flushSync(() => setQuery(""));
    revealAnchor(anchor);
  }, []);

  const reviewLink = (
    <Link href={review.href} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
      {review.label} <ArrowRight className="size-4" aria-hidden="true" />
    </Link>
  );

  return (
    <>
      {isReadOnly ? null : <SkipToSave />}
      <SaveBar status={m.status} isDirty={m.isDirty} isSaving={m.isSaving} isReadOnly={isReadOnly} errorCount={m.reading.errorCount}
        version={m.saved.version} savedAt={m.saved.savedAt} isDefault={isDefaultShown}
        closing={m.closing} onSave={m.onSave} onDiscard={m.onDiscard}
        onReload={() => { allowReload(); window.location.reload(); }} onDismissNotice={m.dismissNotice}
        exportText={() => serializeProfileDocument(m.document)} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-6">
          {m.merge && mergeView ? (
            <MergeView merge={m.merge} view={mergeView} actions={m.mergeActions} isSaving={m.isSaving} exportText={() => serializeProfileDocument(m.document)} />
          ) : null}
          <div hidden={!!m.merge} className="space-y-6">
            {following ? (
              <TemplateOverrides following={following} overrides={overrides} lockedReason={resetLock}
                onReset={onReset} onResetAll={() => { if (resetLock === null) replacePolicy(structuredClone(following.base)); }} />
            ) : null}
            <ServiceMatrix views={views} services={m.draft.services} errors={m.reading.errors} severities={m.severities}
              listInfo={listInfo} query={query} onQuery={setQuery} isReadOnly={isLocked} canEdit={!isReadOnly} dispatch={m.dispatch}
              overridden={following ? overridden : undefined} onResetService={resetLock === null ? resetService : undefined} />
            <PolicySettings settings={m.draft} server={server} recommended={recommendedBackend(server.os)} isReadOnly={isLocked} dispatch={m.dispatch} />
            <CustomRules rules={m.draft.customRules} errors={m.reading.errors} isReadOnly={isLocked} dispatch={m.dispatch} />
            <RateLimits limits={m.draft.rateLimits} backend={m.draft.backend} errors={m.reading.errors} isReadOnly={isLocked} dispatch={m.dispatch} />
            <BlockedList key={m.resetCount} value={m.draft.blockedText} entries={policy.blocked} errors={m.reading.errors.blocked}
              isReadOnly={isLocked} dispatch={m.dispatch} />
          </div>
        </div>
        <aside aria-label="Live warnings" className="xl:sticky xl:top-20 xl:flex xl:max-h-[calc(100vh-6rem)] xl:flex-col xl:self-start">
          <WarningsPanel warnings={mergeView ? mergeView.warnings : m.warnings} targetsOf={mergeView ? () => [] : targetsOf} hrefFor={(a) => `#${a}`} onLocate={locate} footer={reviewLink} />
        </aside>
      </div>
    </>
  );
}
