// A backlog of jobs larger than one fetch (the uploads of an event, queued while their callbacks
// poured in) is worked off fetch after fetch once the callbacks have stopped, not one fetch per
// polling interval: pg-boss waits out its interval after every fetch, even a full one, so the
// bench's 3 000 callbacks took their worker five minutes to verify. While callbacks are still
// arriving, the worker keeps its pace (lib/jobs/index.ts againIfFull). Real pg-boss with a long
// poll, real Postgres, the emulator over HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");
const POLL_SECONDS = 20;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ authSecret: "drain-test-secret-0123456789abcdef0123", logLevel: "error" });
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: POLL_SECONDS });
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

it("while callbacks are still arriving in a burst, the worker keeps its polling pace", { timeout: 150_000 }, async () => {
  const ids = await uploads(25, "pace");
  // Other callbacks keep arriving at this instance, 20 a second, as the route notes each one.
  const arriving = setInterval(() => queue.noteCallback(), 50);
  try {
    const { fetches, spread } = await verifyAll(ids);
    // Two fetches (20, then 5), the second after the worker's full interval.
    expect(fetches).toBe(2);
    expect(spread).toBeGreaterThan(POLL_SECONDS - 5);
  } finally {
    clearInterval(arriving);
  }
});
