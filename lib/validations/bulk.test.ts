import { describe, expect, test } from "vitest";
import { bulkFormSchema, readSelection, selectionParams } from "./bulk";

const form = (fields: Record<string, string>) => bulkFormSchema.safeParse(fields);

describe("the bulk page's form", () => {
  test("one port: the empty range end means the same port", () => {
    const r = form({ kind: "open-port", portFrom: "8443", portTo: "", tcp: "on", access: "admins", label: "Monitoring" });
    expect(r.success && r.data).toMatchObject({ kind: "open-port", ports: { from: 8443, to: 8443 }, tcp: true, udp: false, access: "admins" });
  });
  test("errors come back under the form's own field names", () => {
    const r = form({ kind: "open-port", portFrom: "", tcp: "on" });
    expect(r.success ? {} : Object.keys(r.error.flatten().fieldErrors)).toContain("portFrom");
    const range = form({ kind: "close-port", portFrom: "9000", portTo: "10", tcp: "on" });
    expect(range.success ? {} : range.error.flatten().fieldErrors).toEqual({ portTo: ["The range must start at or below its end."] });
    const sources = form({ kind: "open-port", portFrom: "22", tcp: "on", access: "list", sources: "192.0.2.1 nonsense" });
    expect(sources.success ? {} : Object.keys(sources.error.flatten().fieldErrors)).toEqual(["sources"]);
  });
  test("only the fields of the chosen kind count", () => {
    const r = form({ kind: "backend", backend: "ufw", addresses: "not looked at" });
    expect(r.success && r.data).toEqual({ kind: "backend", backend: "ufw" });
  });
});

describe("selection parameters", () => {
  test("ids by hand, deduplicated; bad ids refused", () => {
    expect(readSelection(new URLSearchParams("id=a1&id=b2&id=a1"))).toEqual({ ok: true, selection: { ids: ["a1", "b2"] } });
    expect(readSelection(new URLSearchParams("id=../x")).ok).toBe(false);
    expect(readSelection(new URLSearchParams(""))).toEqual({ ok: true, selection: null });
  });
  test("all=1 takes the list's filters and refuses a bad one", () => {
    const read = readSelection(new URLSearchParams("all=1&tag=eu&q=web"));
    expect(read.ok && read.selection && "query" in read.selection && [read.selection.query.tag, read.selection.query.q]).toEqual(["eu", "web"]);
    expect(readSelection(new URLSearchParams("all=1&backend=pf")).ok).toBe(false);
    const params = selectionParams({ ids: ["a1"] }, null);
    expect(params.toString()).toBe("id=a1");
    expect(selectionParams({ query: {} as never }, new URLSearchParams("tag=eu&page=3&all=1")).toString()).toBe("tag=eu&all=1");
  });
});
