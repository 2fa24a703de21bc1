import { expect, test } from "vitest";
import { SizedLru } from "./lru";

test("keeps values within the byte budget, dropping the least recently used first", () => {
  const lru = new SizedLru<string>(250);
  lru.set("a", "A", 100);
  lru.set("b", "B", 100);
  expect(lru.get("a")).toBe("A"); // a is now the most recent
  lru.set("c", "C", 100);
  expect(lru.get("b")).toBeUndefined();
  expect([lru.get("a"), lru.get("c"), lru.size, lru.bytes]).toEqual(["A", "C", 2, 200]);
});

test("setting a key again replaces its value and its size", () => {
  const lru = new SizedLru<string>(250);
  lru.set("a", "A", 100);
  lru.set("a", "A2", 50);
  expect([lru.get("a"), lru.bytes]).toEqual(["A2", 50]);
});

test("a value larger than the budget is not kept, and replaces no other", () => {
  const lru = new SizedLru<string>(100);
  lru.set("a", "A", 60);
  lru.set("big", "B", 101);
  expect([lru.get("big"), lru.get("a"), lru.bytes]).toEqual([undefined, "A", 60]);
});

test("delete frees the bytes", () => {
  const lru = new SizedLru<string>(100);
  lru.set("a", "A", 60);
  lru.delete("a");
  lru.delete("missing");
  expect([lru.size, lru.bytes]).toEqual([0, 0]);
});
