import { expect, test } from "vitest";
import type { Bundle } from "./index";
import { BundleCache } from "./cache";

const fake = (name: string, bytes: number): Bundle => ({ fileName: `${name}.zip`, files: [], zip: new Uint8Array(bytes) });

test("a key is built once and then served from the cache", () => {
  const cache = new BundleCache(1000);
  let builds = 0;
  const build = () => (builds += 1, fake("a", 10));
  const first = cache.get("a:1", build);
  expect(cache.get("a:1", build)).toBe(first);
  expect(builds).toBe(1);
  cache.get("a:2", build);
  expect(builds).toBe(2);
});

test("the least recently used bundle goes first when the byte budget is exceeded", () => {
  const cache = new BundleCache(250);
  cache.get("a", () => fake("a", 100));
  cache.get("b", () => fake("b", 100));
  cache.get("a", () => fake("a-again", 100)); // a is now the most recent
  cache.get("c", () => fake("c", 100)); // 300 bytes: b goes
  expect(cache.size).toBe(2);
  expect(cache.get("a", () => fake("rebuilt", 1)).fileName).toBe("a.zip");
  expect(cache.get("b", () => fake("rebuilt", 1)).fileName).toBe("rebuilt.zip");
});

test("a bundle larger than the whole budget is returned but not kept", () => {
  const cache = new BundleCache(50);
  expect(cache.get("big", () => fake("big", 100)).fileName).toBe("big.zip");
  expect(cache.size).toBe(0);
});
