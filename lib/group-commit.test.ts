import { describe, expect, test } from "vitest";
import { GroupCommit } from "./group-commit";

const tick = () => new Promise((r) => setImmediate(r));

describe("GroupCommit", () => {
  test("items added in the same turn go out in one write, in order", async () => {
    const writes: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void writes.push(items));
    await Promise.all([1, 2, 3].map((n) => group.add(n)));
    expect(writes).toEqual([[1, 2, 3]]);
  });

  test("items added during a write wait for it, then go out together; one write at a time", async () => {
    const writes: number[][] = [];
    let release!: () => void;
    let inFlight = 0;
    let maxInFlight = 0;
    const group = new GroupCommit<number>(async (items) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (writes.length === 0) await new Promise<void>((r) => (release = r));
      writes.push(items);
      inFlight--;
    });
    const first = group.add(1);
    await tick();
    const later = [group.add(2), group.add(3)];
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    await tick();
    expect(laterDone).toBe(false);
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3]]);
    expect(maxInFlight).toBe(1);
  });

  test("a caller's promise resolves only after the write of its item finished", async () => {
    let written = false;
    const group = new GroupCommit<string>(async () => {
      await tick();
      written = true;
    });
    await group.add("a");
    expect(written).toBe(true);
  });

  test("a failed write rejects every item of its batch, and later batches still go out", async () => {
    let calls = 0;
    const group = new GroupCommit<number>(async () => {
      calls++;
      if (calls === 1) throw new Error("disk full");
    });
    const results = await Promise.allSettled([group.add(1), group.add(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    await expect(group.add(3)).resolves.toBeUndefined();
  });

  test("batches are cut at maxBatch", async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number>(async (items) => void sizes.push(items.length), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.add(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
