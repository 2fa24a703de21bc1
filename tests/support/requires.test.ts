/** The requirement check behind every test that needs root or a tool. */
import { expect, test } from "vitest";
import { skipReason, unmet } from "./requires";

test("a command on PATH is met, a missing one is named in the reason", () => {
  expect(unmet(["sh"])).toEqual([]);
  expect(skipReason(["sh"])).toBeNull();
  expect(unmet(["sh", "portcullis-no-such-tool"])).toEqual(["portcullis-no-such-tool"]);
  expect(skipReason(["portcullis-no-such-tool", "portcullis-other"])).toBe("needs portcullis-no-such-tool, portcullis-other");
});

test("root is read from the process, not from PATH", () => {
  const isRoot = process.getuid?.() === 0;
  expect(unmet(["root"])).toEqual(isRoot ? [] : ["root"]);
});

test("a tool name is passed as an argument, never as shell text", () => {
  expect(unmet(["sh; exit 0"])).toEqual(["sh; exit 0"]);
});
