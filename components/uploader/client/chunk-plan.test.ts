import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fileIdentifier, planChunks, totalChunks } from "./chunk-plan";

describe("planChunks", () => {
  it("cuts exact chunks and lets the last absorb the remainder", () => {
    expect(planChunks(1000, 300)).toEqual([
      { number: 1, start: 0, end: 300 },
      { number: 2, start: 300, end: 600 },
      { number: 3, start: 600, end: 1000 },
    ]);
  });

  it("sends a file smaller than one chunk as a single chunk", () => {
    expect(planChunks(100, 300)).toEqual([{ number: 1, start: 0, end: 100 }]);
    expect(totalChunks(100, 300)).toBe(1);
  });

  it("covers every byte once; every chunk is the chunk size except the last, which is ≥ size and < 2×", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 200, max: 100_000 }), (total, size) => {
        const plan = planChunks(total, size);
        expect(plan.length).toBe(Math.max(1, Math.floor(total / size)));
        let pos = 0;
        plan.forEach((c, i) => {
          expect(c.number).toBe(i + 1);
          expect(c.start).toBe(pos);
          pos = c.end;
          const len = c.end - c.start;
          if (i < plan.length - 1) expect(len).toBe(size);
          else if (total >= size) {
            expect(len).toBeGreaterThanOrEqual(size);
            expect(len).toBeLessThan(2 * size);
          }
        });
        expect(pos).toBe(total);
      }),
    );
  });
});

describe("fileIdentifier", () => {
  it("depends on size, time and name, and keeps only safe characters", () => {
    expect(fileIdentifier({ name: "my clip (1).mp4", size: 42, lastModified: 7 })).toBe("42-7-myclip1mp4");
  });
});
