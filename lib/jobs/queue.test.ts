// While callbacks arrive in a burst, the verification waits for them and the workers leave the
// cores to the callbacks; once it has passed, they work a backlog off at full speed (lib/jobs/index.ts).
import { expect, it } from "vitest";
import { callbackBurst, noteCallback } from "./queue";

it("counts ten callbacks within a second as a burst, and the burst as over a second after the tenth-latest", () => {
  expect(callbackBurst(0)).toBe(false); // nothing has arrived
  for (let i = 0; i < 9; i++) noteCallback(1_000 + i * 100); // nine, 1.0 s … 1.8 s
  expect(callbackBurst(1_850)).toBe(false);
  noteCallback(1_900); // the tenth within the second
  expect(callbackBurst(1_950)).toBe(true);
  expect(callbackBurst(1_999)).toBe(true);
  expect(callbackBurst(2_000)).toBe(false); // the tenth-latest (1.0 s) is a second old
  // A steady trickle of one callback every 150 ms (under seven a second) never counts as a burst.
  for (let t = 3_000; t < 6_000; t += 150) {
    noteCallback(t);
    expect(callbackBurst(t)).toBe(false);
  }
});
