import { describe, expect, test } from "vitest";
import { draftReducer } from "@/components/matrix/draft-reducer";
import { SMTP_CONCURRENT_LIMITS, SMTP_RATE_LIMIT } from "@/lib/firewall/catalog/presets";
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { toDraft } from "@/components/matrix/draft";
import { readDraft } from "@/lib/validations/matrix";

const base = toDraft(createDefaultDocument({ name: "web1", os: "almalinux", panel: "cpanel" }).policy);

describe("draftReducer", () => {
  test("ticking inbound on a localhost-only service opens it (and clears localhost only)", () => {
    const next = draftReducer(base, { type: "service", id: "cphulk", patch: { inbound: true } });
    expect(next.services.cphulk).toMatchObject({ enabled: true, inbound: true, localhostOnly: false });
    expect(next.services.ssh).toBe(base.services.ssh);
  });

  test("ticking localhost only clears inbound", () => {
    const next = draftReducer(base, { type: "service", id: "mysql", patch: { localhostOnly: true } });
    expect(next.services.mysql).toMatchObject({ enabled: true, inbound: false, localhostOnly: true });
  });

  test.each(["inbound", "outbound", "localhostOnly"] as const)("ticking %s switches an off service on", (flag) => {
    expect(base.services.ftp?.enabled).toBe(false);
    expect(draftReducer(base, { type: "service", id: "ftp", patch: { [flag]: true } }).services.ftp?.enabled).toBe(true);
  });

  test("unticking a direction leaves the service on; unticking enabled keeps the directions", () => {
    const next = draftReducer(base, { type: "service", id: "ssh", patch: { inbound: false } });
    expect(next.services.ssh).toMatchObject({ enabled: true, inbound: false });
    const off = draftReducer(base, { type: "service", id: "ssh", patch: { enabled: false } });
    expect(off.services.ssh).toMatchObject({ enabled: false, inbound: true });
  });

  test("toggle all switches only the given rows", () => {
    const next = draftReducer(base, { type: "services-enabled", ids: ["ftp", "ftp-data"], enabled: true });
    expect(next.services.ftp?.enabled && next.services["ftp-data"]?.enabled).toBe(true);
    expect(next.services["ftp-passive"]).toBe(base.services["ftp-passive"]);
  });

  test("new custom rules and limits get free ids; presets replace entries with the same id", () => {
    let d = draftReducer(base, { type: "custom-add" });
    d = draftReducer(d, { type: "custom-add" });
    expect(d.customRules.map((r) => r.id)).toEqual(["rule-1", "rule-2"]);
    d = draftReducer(d, { type: "custom-remove", uid: d.customRules[0]!.uid });
    d = draftReducer(d, { type: "custom-add" });
    expect(d.customRules.map((r) => r.id)).toEqual(["rule-2", "rule-1"]);

    expect(base.rateLimits.map((r) => r.id)).toEqual([SMTP_RATE_LIMIT.id]);
    d = draftReducer(base, { type: "rate-add", limits: [SMTP_RATE_LIMIT] });
    d = draftReducer(d, { type: "rate-add", limits: SMTP_CONCURRENT_LIMITS });
    expect(d.rateLimits.map((r) => r.id)).toEqual(["smtp-rate", "smtp-concurrent-25", "smtp-concurrent-465", "smtp-concurrent-587"]);
    expect(readDraft(d).errors).toEqual({});
  });
});
