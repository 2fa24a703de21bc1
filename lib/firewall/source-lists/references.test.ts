import { describe, expect, test } from "vitest";
import { makeProfile, setService } from "@/tests/support/profile";
import { BACKEND_MODULES } from "../backends";
import { renderReportHtml, renderReportMarkdown } from "../bundle/report";
import { getCatalog } from "../catalog";
import { describeClosing } from "../closing";
import { diffDocuments } from "../diff";
import { conflictSentence } from "../policy/merge-labels";
import { mergePolicies } from "../policy/merge";
import { WEBPROS_SEO_SCANNERS } from "../catalog/presets";
import { parseProfileDocument, serializeProfileDocument } from "../policy/document";
import { resolvePolicy } from "../policy/resolve";
import { BACKENDS, type ProfileDocument } from "../policy/schema";
import { assessPolicy } from "../warnings";
import { expandSourceReferences, webprosSourceList } from "./references";
import { describeListOrigin } from "./summary";

const ADMIN = "198.51.100.0/24";
const withPreset = () =>
  makeProfile({ adminSources: [ADMIN] }, (d) => {
    d.policy.sourceLists = [webprosSourceList()];
    setService(d, "https", { access: "list", lists: ["webpros-seo-scanner", "admins"], sources: ["203.0.113.5"] });
  });
const typedByHand = () =>
  makeProfile({ adminSources: [ADMIN] }, (d) => setService(d, "https", { access: "list", sources: [...WEBPROS_SEO_SCANNERS.addresses, ADMIN, "203.0.113.5"] }));

const render = (doc: ProfileDocument, backend: (typeof BACKENDS)[number]) =>
  BACKEND_MODULES[backend].render(resolvePolicy(doc, getCatalog("cpanel")), { generatedAt: "2026-01-01T00:00:00Z", productVersion: "test", warnings: [] });

describe("named source lists", () => {
  test("the WebPros preset is the catalog's list under a valid id", () => {
    expect(webprosSourceList()).toMatchObject({ id: "webpros-seo-scanner", origin: "webpros-seo", addresses: WEBPROS_SEO_SCANNERS.addresses });
  });

  test.each(BACKENDS)("%s: a reference renders exactly like the same addresses typed by hand", (backend) => {
    expect(render(withPreset(), backend)).toEqual(render(typedByHand(), backend));
  });

  test("warnings read the expanded addresses", () => {
    expect(assessPolicy(withPreset()).map((w) => w.id)).toEqual(assessPolicy(typedByHand()).map((w) => w.id));
  });

  test("expansion removes every reference and is idempotent", () => {
    const once = expandSourceReferences(withPreset());
    expect(once.policy.services.https).not.toHaveProperty("lists");
    expect(once.policy.services.https!.sources).toEqual([...WEBPROS_SEO_SCANNERS.addresses, ADMIN, "203.0.113.5"]);
    expect(expandSourceReferences(once)).toBe(once);
  });

  test("the rule set and REPORT.md name the lists, not their addresses", () => {
    const doc = withPreset();
    const ruleSet = resolvePolicy(doc, getCatalog("cpanel"));
    expect(ruleSet.inbound.find((r) => r.key === "https-tcp")?.sourceNames).toEqual(["WebPros SEO scanner (8)", "Administrators' addresses (1)", "203.0.113.5"]);
    const report = renderReportMarkdown({ ruleSet, warnings: [], limitations: {}, generatedAt: "now", productVersion: "test", sourceLists: doc.policy.sourceLists });
    expect(report).toContain("| in | HTTPS | tcp | 443 | WebPros SEO scanner (8), Administrators' addresses (1), 203.0.113.5 |");
    expect(report).toContain("- HTTPS 443/tcp: WebPros SEO scanner (8), Administrators' addresses (1), 203.0.113.5");
    expect(report).toContain("**WebPros SEO scanner** (`webpros-seo-scanner`): 8 entries, the WebPros SEO scanner preset");
    expect(report).not.toContain("78.138.117.141");
    const page = renderReportHtml({ ruleSet, warnings: [], limitations: {}, generatedAt: "now", productVersion: "test", sourceLists: doc.policy.sourceLists });
    expect(page).toContain("<li>HTTPS 443/tcp: WebPros SEO scanner (8), Administrators&#39; addresses (1), 203.0.113.5</li>");
  });

  test("an AWS list's origin names the file and the filter", () => {
    const list = { id: "aws-1", label: "AWS EC2, eu-west-1", origin: "aws-ip-ranges" as const, addresses: ["192.0.2.0/24"],
      aws: { syncToken: "1764671234", createDate: "2026-12-02-10-13-54", services: ["EC2"], regions: ["eu-west-1"] } };
    expect(describeListOrigin(list)).toBe("1 entry from AWS ip-ranges.json (syncToken 1764671234, created 2026-12-02-10-13-54): service EC2; region eu-west-1");
  });
});

describe("profile format", () => {
  const json = (doc: ProfileDocument) => JSON.parse(serializeProfileDocument(doc)) as { version: number; policy: Record<string, unknown> };

  test("a profile without lists is still written as version 1 with no new fields", () => {
    const out = json(typedByHand());
    expect(out.version).toBe(1);
    expect(out.policy).not.toHaveProperty("sourceLists");
  });

  test("a profile with lists is written as version 2 and reads back equal", () => {
    const doc = withPreset();
    const text = serializeProfileDocument(doc);
    expect(json(doc).version).toBe(2);
    const back = parseProfileDocument(text);
    expect(back.ok && back.value).toEqual(doc);
  });

  test.each([
    ["a reference to a missing list", (d: ProfileDocument) => setService(d, "https", { access: "list", lists: ["nope"] }), "policy.services.https.lists[0]", /No source list "nope"/],
    ["the reserved id", (d: ProfileDocument) => { d.policy.sourceLists = [{ ...webprosSourceList(), id: "admins" }]; }, "policy.sourceLists[0].id", /reserved/],
    ["a repeated id", (d: ProfileDocument) => { d.policy.sourceLists = [webprosSourceList(), webprosSourceList()]; }, "policy.sourceLists[1].id", /already used/],
    ["a label with markup", (d: ProfileDocument) => { d.policy.sourceLists = [{ ...webprosSourceList(), label: "<b>x</b>" }]; }, "policy.sourceLists[0].label", /Use only/],
    ["an AWS list without its origin", (d: ProfileDocument) => { d.policy.sourceLists = [{ ...webprosSourceList(), origin: "aws-ip-ranges" }]; }, "policy.sourceLists[0].aws", /records its file/],
  ])("refuses %s", (_name, mutate, path, message) => {
    const doc = makeProfile();
    mutate(doc);
    const r = parseProfileDocument(JSON.parse(JSON.stringify({ ...doc, version: 2 })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test("an old version 1 file still parses", () => {
    const doc = typedByHand();
    const r = parseProfileDocument(serializeProfileDocument(doc));
    expect(r.ok && r.value).toEqual(doc);
  });
});

describe("history and merges", () => {
  test("the change list names an added list", () => {
    const entries = diffDocuments(typedByHand(), withPreset());
    expect(entries.map((e) => e.text)).toContain("HTTPS: source list WebPros SEO scanner added");
  });

  test("a merge keeps a list that a merged service references", () => {
    const base = makeProfile().policy;
    const mine = withPreset().policy;
    const result = mergePolicies(base, mine, base);
    expect(result.policy.sourceLists).toEqual([webprosSourceList()]);
    expect(result.policy.services.https?.lists).toEqual(["webpros-seo-scanner", "admins"]);
  });
});

describe("words for people", () => {
  test("removing a preset from a service reads as narrowing it, by name", () => {
    expect(describeClosing(withPreset(), makeProfile({ adminSources: [ADMIN] }, (d) => setService(d, "https", { access: "list", sources: ["203.0.113.5"] }))).narrowing)
      .toContain("HTTPS 443/tcp+udp (WebPros SEO scanner (8), Administrators' addresses (1) removed)");
  });

  test("a merge conflict over a service's lists names them", () => {
    const base = makeProfile().policy;
    const mine = withPreset().policy;
    const theirs = makeProfile({}, (d) => setService(d, "https", { access: "list", lists: ["admins"] })).policy;
    const { conflicts } = mergePolicies(base, mine, theirs);
    expect(conflicts.map((c) => conflictSentence(c, makeProfile().server))).toContain("HTTPS 443 · named source lists: yours webpros-seo-scanner, admins, theirs admins");
  });
});
