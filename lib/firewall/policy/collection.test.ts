import { describe, expect, test } from "vitest";
import { COLLECTION_MAX_PROFILES, COLLECTION_MAX_TEMPLATES, parseProfileCollection, serializeProfileCollection, splitProfileCollection, type CollectionLimits } from "./collection";
import { serializeProfileDocument } from "./document";
import type { ProfileDocument } from "./schema";
import type { TemplateDocument } from "./template-document";
import { makeProfile } from "@/tests/support/profile";

const a = makeProfile({ name: "alpha" });
const b = makeProfile({ name: "beta", os: "ubuntu", panel: "froxlor" });

describe("profile collections", () => {
  test("serialize → parse → serialize is byte-identical", () => {
    const text = serializeProfileCollection([a, b]);
    const parsed = parseProfileCollection(text);
    expect(parsed).toEqual({ ok: true, profiles: [a, b], templates: [] });
    if (parsed.ok) expect(serializeProfileCollection(parsed.profiles)).toBe(text);
  });

  test("a single profile document is a collection of one", () => {
    expect(parseProfileCollection(serializeProfileDocument(a))).toEqual({ ok: true, profiles: [a], templates: [] });
  });

  test("every problem is reported with the profile index and path, duplicates included", () => {
    const bad = JSON.parse(serializeProfileCollection([a, b, a])) as { profiles: Record<string, Record<string, unknown>>[] };
    const second = bad.profiles[1];
    if (second?.server) second.server.sshPort = 70000;
    if (second?.policy) second.policy.backend = "pf";
    const result = parseProfileCollection(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        { index: 1, path: "server.sshPort", message: "Ports run from 1 to 65535." },
        expect.objectContaining({ index: 1, path: "policy.backend" }),
        { index: 2, path: "server.name", message: 'Duplicate name "alpha": profile 0 has it too.' },
      ]);
    }
  });

  test("a server name starting with - is refused at its place, as the form refuses it", () => {
    const bad = JSON.parse(serializeProfileCollection([a, b])) as { profiles: { server: Record<string, unknown> }[] };
    bad.profiles[1]!.server.name = "-web";
    expect(parseProfileCollection(JSON.stringify(bad))).toEqual({
      ok: false,
      issues: [{ index: 1, path: "server.name", message: "Start with a letter or digit." }],
    });
  });

  test.each([
    ["not JSON", "{", "(root)"],
    ["an array", "[]", "(root)"],
    ["a newer version", JSON.stringify({ format: "portcullis/profiles", version: 3, profiles: [] }), "version"],
    ["a version that never was", JSON.stringify({ format: "portcullis/profiles", version: 0, profiles: [] }), "version"],
    ["templates in version 1", JSON.stringify({ format: "portcullis/profiles", version: 1, profiles: [], templates: [] }), "templates"],
    ["profiles not an array", JSON.stringify({ format: "portcullis/profiles", version: 1, profiles: {} }), "profiles"],
    ["an unknown field", JSON.stringify({ format: "portcullis/profiles", version: 1, profiles: [], extra: 1 }), "extra"],
  ])("rejects %s", (_what, text, path) => {
    const result = parseProfileCollection(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ index: null, path });
  });
});

describe("a collection too big for one file, in parts", () => {
  const templateNamed = (name: string, panel: "cpanel" | "froxlor" = "cpanel"): TemplateDocument => ({
    format: "portcullis/template", version: 1,
    template: { name, description: "", panel, os: "almalinux", revision: 2 },
    policy: makeProfile({ panel }).policy,
    bases: [{ revision: 1, policy: makeProfile({ panel }, (d) => { d.policy.ipv6 = false; }).policy }],
  });
  const templates = [templateNamed("Mail", "froxlor"), templateNamed("Shared hosting"), templateNamed("Unused")];
  const follower = (name: string, template: string, revision: number, panel: "cpanel" | "froxlor" = "cpanel"): ProfileDocument =>
    ({ ...makeProfile({ name, panel }), fleet: { tags: [], template: { name: template, revision } } });
  const fleet = [
    follower("web1", "Shared hosting", 1), makeProfile({ name: "plain" }), follower("mail1", "Mail", 2, "froxlor"),
    follower("web2", "Shared hosting", 2), makeProfile({ name: "db1" }),
  ];
  const wide: CollectionLimits = { maxProfiles: COLLECTION_MAX_PROFILES, maxTemplates: COLLECTION_MAX_TEMPLATES, maxBytes: 16 * 1024 * 1024 };
  const parse = (text: string) => {
    const parsed = parseProfileCollection(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return { names: parsed.profiles.map((p) => p.server.name), templates: parsed.templates.map((t) => t.template.name), bytes: new TextEncoder().encode(text).byteLength };
  };

  test("what fits in one file is that file, byte for byte", () => {
    expect(splitProfileCollection(fleet, templates, wide)).toEqual([serializeProfileCollection(fleet, templates)]);
    expect(splitProfileCollection([], [], wide)).toEqual([serializeProfileCollection([])]);
  });

  test("by count: profiles in order, each part with the templates its profiles follow, the unfollowed where there is room", () => {
    const parts = splitProfileCollection(fleet, templates, { ...wide, maxProfiles: 2 }).map(parse);
    expect(parts.map((p) => p.names)).toEqual([["web1", "plain"], ["mail1", "web2"], ["db1"]]);
    expect(parts.map((p) => p.templates)).toEqual([["Shared hosting", "Unused"], ["Mail", "Shared hosting"], []]);
  });

  test("by size: every part within the byte limit, and every profile in exactly one part", () => {
    const one = parse(serializeProfileCollection([fleet[1]!])).bytes;
    const maxBytes = one * 4; // a follower and its template (two policies) fit; not everything
    const parts = splitProfileCollection(fleet, templates, { ...wide, maxBytes }).map(parse);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.bytes).toBeLessThanOrEqual(maxBytes);
    expect(parts.flatMap((p) => p.names)).toEqual(fleet.map((p) => p.server.name));
    expect(new Set(parts.flatMap((p) => p.templates))).toEqual(new Set(templates.map((t) => t.template.name)));
  });

  test("by template count: a part's templates stay within the limit, and templates nobody follows get parts of their own", () => {
    const parts = splitProfileCollection(fleet, templates, { ...wide, maxTemplates: 1 }).map(parse);
    for (const part of parts) expect(part.templates.length).toBeLessThanOrEqual(1);
    expect(parts.map((p) => p.names)).toEqual([["web1", "plain"], ["mail1"], ["web2", "db1"], []]);
    expect(parts.map((p) => p.templates)).toEqual([["Shared hosting"], ["Mail"], ["Shared hosting"], ["Unused"]]);
  });

  test("a profile bigger than the limit by itself gets a part of its own", () => {
    const parts = splitProfileCollection(fleet, [], { ...wide, maxBytes: 1024 }).map(parse);
    expect(parts.map((p) => p.names)).toEqual(fleet.map((p) => [p.server.name]));
  });
});
