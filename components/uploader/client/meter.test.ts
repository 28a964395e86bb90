import { describe, expect, it } from "vitest";
import { createMeter } from "./meter";
import { backoffMs, sleep } from "./retry";

describe("createMeter", () => {
  it("reports percent, speed over the recent window and time left", () => {
    let t = 0;
    const m = createMeter(1000, () => t);
    expect(m.update(0)).toMatchObject({ percent: 0, bytesPerSecond: null, secondsLeft: null });
    t = 1000;
    expect(m.update(100)).toMatchObject({ percent: 10, bytesPerSecond: 100, secondsLeft: 9 });
    t = 2000;
    expect(m.update(1000)).toMatchObject({ percent: 100, bytes: 1000, secondsLeft: 0 });
  });
  it("clamps bytes to the file size (multipart overhead)", () => {
    expect(createMeter(10).update(15)).toMatchObject({ bytes: 10, percent: 100 });
  });
});

describe("backoff", () => {
  it("doubles up to a cap, with jitter in the upper half", () => {
    expect(backoffMs(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffMs(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 15_000, () => 1)).toBe(4000);
    expect(backoffMs(10, 500, 15_000, () => 1)).toBe(15_000);
  });
  it("sleep stops when aborted", async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal);
    c.abort();
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });
});
