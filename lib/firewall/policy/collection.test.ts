import { describe, expect, test } from "vitest";
import { parseProfileCollection, serializeProfileCollection } from "./collection";
import { serializeProfileDocument } from "./document";
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
