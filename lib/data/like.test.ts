import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { containsPattern } from "./like";

describe("containsPattern", () => {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('web_1'), ('web-1'), ('100%'), ('1000'), ('a\\b'), ('ab'), ('WEB_1.example')");
  const find = (q: string) => db.prepare("SELECT name FROM t WHERE name LIKE ? ESCAPE '\\' ORDER BY rowid").all(containsPattern(q)).map((r) => (r as { name: string }).name);
  afterAll(() => db.close());

  test("wildcards and the escape character match themselves only", () => {
    expect(find("_")).toEqual(["web_1", "WEB_1.example"]);
    expect(find("%")).toEqual(["100%"]);
    expect(find("\\")).toEqual(["a\\b"]);
  });

  test("plain text matches anywhere, ignoring ASCII case", () => {
    expect(find("web_1")).toEqual(["web_1", "WEB_1.example"]);
    expect(find("00")).toEqual(["100%", "1000"]);
  });

  test("the empty search matches everything", () => {
    expect(find("")).toHaveLength(7);
  });
});
