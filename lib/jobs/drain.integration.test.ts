// A backlog of jobs larger than one fetch (the uploads of an event, queued while their callbacks
// poured in) is worked off fetch after fetch once the callbacks have stopped, not one fetch per
// polling interval: pg-boss waits out its interval after every fetch, even a full one, so the
// bench's 3 000 callbacks took their worker five minutes to verify. While callbacks are still
// arriving, a fetched batch waits for them to stop, up to a cap (lib/jobs/index.ts afterBurst).
// Real pg-boss with a long poll, real Postgres, the emulator over HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");
const POLL_SECONDS = 20;
const HOLD_SECONDS = 8;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ authSecret: "drain-test-secret-0123456789abcdef0123", logLevel: "error" });
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: POLL_SECONDS, burstHoldSeconds: HOLD_SECONDS });
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

async function uploads(n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const u = await receivedUpload(portal.emu.url, { name: `Guest ${i}`, email: `${prefix}${i}@example.com`, title: `Event clip ${i}` });
    ids.push(u.uploadId);
  }
  return ids;
}

/** Queue their verifications in one statement (as the sweep does) and wait until all are verified. */
async function verifyAll(ids: string[]) {
  await jobs.enqueueVerifications(ids);
  await expect
    .poll(async () => portal.db.upload.count({ where: { id: { in: ids }, state: "VERIFIED" } }), { timeout: 100_000, interval: 500 })
    .toBe(ids.length);
  // Jobs taken by one fetch share its start time.
  const [r] = await portal.db.$queryRaw<Array<{ fetches: bigint; spread: number }>>`
    SELECT count(DISTINCT started_on) AS fetches, extract(epoch FROM max(started_on) - min(started_on))::float8 AS spread
    FROM pgboss.job WHERE name = 'verify-upload' AND data->>'uploadId' = ANY(${ids}::text[])`;
  return { fetches: Number(r!.fetches), spread: r!.spread };
}

it("45 uploads waiting for verification (three fetches of 20) are all verified without waiting for a second poll", { timeout: 150_000 }, async () => {
  const { fetches, spread } = await verifyAll(await uploads(45, "drain"));
  // At the poll's pace the three fetches start 20 s apart; fetched again as each full batch
  // ends, they all start within one interval.
  expect(fetches).toBeGreaterThanOrEqual(3);
  expect(spread).toBeLessThan(POLL_SECONDS);
});

/** Callbacks arriving at this instance, 20 a second, until the interval is cleared; ten at once
 * first, so the burst is on before anything is queued. */
function burst(): ReturnType<typeof setInterval> {
  for (let i = 0; i < 10; i++) queue.noteCallback();
  return setInterval(() => queue.noteCallback(), 50);
}

/** When the worker fetched these jobs (one fetch: one start time), once it has. */
async function fetchedAt(ids: string[]): Promise<Date | undefined> {
  const [r] = await portal.db.$queryRaw<Array<{ at: Date | null }>>`
    SELECT min(started_on) AS at FROM pgboss.job WHERE name = 'verify-upload' AND data->>'uploadId' = ANY(${ids}::text[])`;
  return r?.at ?? undefined;
}
const verifiedTimes = async (ids: string[]) =>
  (await portal.db.upload.findMany({ where: { id: { in: ids }, state: "VERIFIED" }, select: { verifiedAt: true } })).map((u) => u.verifiedAt!.getTime());

it("while callbacks are still arriving in a burst, a fetched batch waits for them to stop, then runs at once", { timeout: 150_000 }, async () => {
  const ids = await uploads(20, "hold");
  // Other callbacks keep arriving at this instance, 20 a second, as the route notes each one
  // recorded; ten at once first, so the burst is on before the jobs can be fetched.
  const arriving = burst();
  let stoppedAt = 0;
  try {
    await jobs.enqueueVerifications(ids);
    await expect.poll(() => fetchedAt(ids), { timeout: (POLL_SECONDS + 10) * 1000, interval: 250 }).toBeInstanceOf(Date);
    // Fetched, and held: two seconds on, nothing of the batch has run.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await verifiedTimes(ids)).toEqual([]);
  } finally {
    clearInterval(arriving);
    stoppedAt = Date.now();
  }
  await expect.poll(async () => (await verifiedTimes(ids)).length, { timeout: 30_000, interval: 250 }).toBe(20);
  const times = await verifiedTimes(ids);
  // All after the callbacks stopped, and soon after: released by the burst's end (about half a
  // second later), not by the cap (HOLD_SECONDS after the fetch, over five seconds later).
  expect(Math.min(...times)).toBeGreaterThanOrEqual(stoppedAt);
  expect(Math.max(...times) - stoppedAt).toBeLessThan(4000);
});

it("a burst that does not end holds a batch no longer than the cap", { timeout: 150_000 }, async () => {
  const ids = await uploads(5, "cap");
  const arriving = burst();
  try {
    await jobs.enqueueVerifications(ids);
    // Callbacks never stop during this test: the batch runs once its hold (HOLD_SECONDS) is up.
    await expect.poll(async () => (await verifiedTimes(ids)).length, { timeout: 60_000, interval: 250 }).toBe(5);
    const held = (Math.min(...(await verifiedTimes(ids))) - (await fetchedAt(ids))!.getTime()) / 1000;
    expect(held).toBeGreaterThan(HOLD_SECONDS - 1);
    expect(held).toBeLessThan(HOLD_SECONDS + 5);
  } finally {
    clearInterval(arriving);
  }
});
