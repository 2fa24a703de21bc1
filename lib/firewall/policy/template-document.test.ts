import { describe, expect, test } from "vitest";
import { formatCollectionIssue, parseProfileCollection, serializeProfileCollection } from "./collection";
import { parseProfileDocument, serializeProfileDocument } from "./document";
import type { ProfileDocument } from "./schema";
import { parseTemplateDocument, serializeTemplateDocument, templateRevisionOf, type TemplateDocument } from "./template-document";
import { makeProfile } from "@/tests/support/profile";

// Tags and templates in the transfer format: the profile's `fleet` (version 3), the template
// document, and the collection's `templates` (version 2).

const web = makeProfile({ name: "web1" });
const older = makeProfile({ name: "web1" }, (d) => { d.policy.ipv6 = false; }).policy;

const template: TemplateDocument = {
  format: "portcullis/template", version: 1,
  template: { name: "Shared hosting", description: "cPanel shared", panel: "cpanel", os: "almalinux", revision: 3 },
  policy: web.policy,
  bases: [{ revision: 1, policy: older }],
};

const follower = (name: string, revision: number, tags: string[] = ["eu-west"]): ProfileDocument =>
  ({ ...makeProfile({ name }), fleet: { tags, template: { name: "Shared hosting", revision } } });

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe("the profile's fleet (format version 3)", () => {
  test("a profile with tags or a template is version 3 and round-trips byte for byte", () => {
    const text = serializeProfileDocument(follower("web2", 1, ["shared", "eu-west"]));
    const parsed = parseProfileDocument(text);
    expect(parsed.ok && parsed.value).toMatchObject({ version: 3, fleet: { tags: ["eu-west", "shared"], template: { name: "Shared hosting", revision: 1 } } });
    if (parsed.ok) expect(serializeProfileDocument(parsed.value)).toBe(text);
  });

  test.each([
    ["no fleet", undefined, 1],
    ["an empty fleet", { tags: [] }, 1],
    ["tags only", { tags: ["db"] }, 3],
  ])("%s: the lowest version that holds it", (_what, fleet, version) => {
    const parsed = parseProfileDocument({ ...json(web), ...(fleet ? { fleet } : {}) });
    expect(parsed.ok && parsed.value.version).toBe(version);
    // An empty fleet is left out, so older releases read the file.
    if (parsed.ok && version === 1) expect(serializeProfileDocument(parsed.value)).toBe(serializeProfileDocument(web));
  });

  test.each([
    ["an unknown field", { tags: [], group: "x" }, "fleet.group"],
    ["a bad tag", { tags: ["no spaces"] }, "fleet.tags[0]"],
    ["a template name against the name rule", { template: { name: "-x", revision: 1 } }, "fleet.template.name"],
    ["revision 0", { template: { name: "T", revision: 0 } }, "fleet.template.revision"],
    ["an unknown template field", { template: { name: "T", revision: 1, id: "c1" } }, "fleet.template.id"],
  ])("refuses %s", (_what, fleet, path) => {
    const parsed = parseProfileDocument({ ...json(web), fleet });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain(path);
  });
});

describe("the template document", () => {
  test("round trip: canonical text, bases oldest first", () => {
    const shuffled = { ...template, bases: [{ revision: 2, policy: web.policy }, { revision: 1, policy: older }] };
    const text = serializeTemplateDocument(shuffled);
    const parsed = parseTemplateDocument(JSON.parse(text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.bases.map((b) => b.revision)).toEqual([1, 2]);
    expect(serializeTemplateDocument(parsed.value)).toBe(text);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["format", "version", "template", "policy", "bases"]);
    expect(templateRevisionOf(parsed.value, 1)?.ipv6).toBe(false);
    expect(templateRevisionOf(parsed.value, 3)).toEqual(web.policy);
    expect(templateRevisionOf(parsed.value, 4)).toBeUndefined();
  });

  test.each<[string, (t: Record<string, unknown>) => void, string]>([
    ["an unknown field", (t) => { t.owner = "me"; }, "owner"],
    ["an unknown template field", (t) => { (t.template as Record<string, unknown>).id = "c1"; }, "template.id"],
    ["a wrong panel", (t) => { (t.template as Record<string, unknown>).panel = "plesk"; }, "template.panel"],
    ["a name against the server name rule", (t) => { (t.template as Record<string, unknown>).name = "_hidden"; }, "template.name"],
    ["a base not older than the latest", (t) => { t.bases = [{ revision: 3, policy: json(older) }]; }, "bases[0].revision"],
    ["a base listed twice", (t) => { t.bases = [{ revision: 1, policy: json(older) }, { revision: 1, policy: json(older) }]; }, "bases[1].revision"],
    ["a bad base policy", (t) => { t.bases = [{ revision: 1, policy: { ...json(older), backend: "pf" } }]; }, "bases[0].policy.backend"],
    ["a newer template format", (t) => { t.version = 2; }, "version"],
    ["another format", (t) => { t.format = "portcullis/profile"; }, "format"],
  ])("refuses %s", (_what, edit, path) => {
    const value = json(template);
    edit(value);
    const parsed = parseTemplateDocument(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain(path);
  });
});

describe("collections with templates (version 2)", () => {
  test("written as version 2 with templates, version 1 without; round trip byte for byte", () => {
    const profiles = [follower("web2", 3), follower("web3", 1)];
    const text = serializeProfileCollection(profiles, [template]);
    expect(JSON.parse(text)).toMatchObject({ version: 2, templates: [{ template: { name: "Shared hosting" } }] });
    const parsed = parseProfileCollection(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.templates).toHaveLength(1);
    expect(serializeProfileCollection(parsed.profiles, parsed.templates)).toBe(text);
    expect((JSON.parse(serializeProfileCollection([web])) as { version: number; templates?: unknown }).version).toBe(1);
    expect(JSON.parse(serializeProfileCollection([web])) as object).not.toHaveProperty("templates");
  });

  test("a follower of another panel, a revision the file lacks, a duplicate template: each at its place", () => {
    const froxlor = { ...makeProfile({ name: "mail1", panel: "froxlor" }), fleet: { tags: [], template: { name: "shared HOSTING", revision: 3 } } };
    const text = serializeProfileCollection([froxlor, follower("web2", 2)], [template, { ...template, template: { ...template.template, name: "SHARED hosting" } }]);
    const parsed = parseProfileCollection(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(formatCollectionIssue)).toEqual([
      'Template 1, template.name: Duplicate template name "SHARED hosting": template 0 has it too.',
      "Profile 0, fleet.template.name: Template Shared hosting is for cpanel; this server's panel is froxlor.",
      "Profile 1, fleet.template.revision: Template Shared hosting in this file has no revision 2.",
    ]);
  });

  test("a template's own problems are reported as the template's", () => {
    const value = JSON.parse(serializeProfileCollection([web], [template])) as { templates: Record<string, unknown>[] };
    value.templates[0]!.bases = [{ revision: 5, policy: json(older) }];
    const parsed = parseProfileCollection(JSON.stringify(value));
    expect(!parsed.ok && parsed.issues.map(formatCollectionIssue)).toEqual(["Template 0, bases[0].revision: An older revision must be below the template's revision 3."]);
  });
});
