import { unzipSync } from "fflate";
import { describe, expect, test, vi } from "vitest";
import { collectionDownload } from "./downloads";

vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => ({}) }));

describe("an export's download", () => {
  const part = (n: number) => `{ "format": "portcullis/profiles", "part": ${n} }\n`;

  test("one file: that collection as JSON", async () => {
    const res = collectionDownload([part(1)], new Date());
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="portcullis-profiles.json"');
    expect(await res.text()).toBe(part(1));
  });

  test("parts: a ZIP of the files in order, named N-of-M", async () => {
    const res = collectionDownload([part(1), part(2), part(3)], new Date("2026-12-04T00:00:00Z"));
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="portcullis-profiles.zip"');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(["portcullis-profiles-1-of-3.json", "portcullis-profiles-2-of-3.json", "portcullis-profiles-3-of-3.json"]);
    expect(Object.values(files).map((bytes) => new TextDecoder().decode(bytes))).toEqual([part(1), part(2), part(3)]);
  });
});
