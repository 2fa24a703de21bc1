/** Golden files: the exact rules per backend and sample, so a reviewer reads what ships. */
import { describe, expect, test } from "vitest";
import { META, SAMPLE_RULESETS } from "@/tests/support/samples";
import { RENDERERS } from "./index";

describe.each(Object.values(RENDERERS))("$id goldens", (renderer) => {
  test.each(SAMPLE_RULESETS)("$id", async ({ id, ruleSet }) => {
    for (const file of renderer.render(ruleSet, META)) {
      await expect(file.content).toMatchFileSnapshot(`./__golden__/${renderer.id}/${id}/${file.path}`);
    }
  });
});
