// A backlog of jobs larger than one fetch (the uploads of an event, queued while their callbacks
// poured in) is worked off fetch after fetch, not one fetch per polling interval: pg-boss waits out
// its interval after every fetch, even a full one, so the bench's 3 000 callbacks took their
// worker five minutes to verify (lib/jobs/index.ts againIfFull). Real pg-boss with a long poll,
// real Postgres, the emulator over HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
const POLL_SECONDS = 20;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ authSecret: "drain-test-secret-0123456789abcdef0123", logLevel: "error" });
  jobs = await import("@/lib/jobs");
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: POLL_SECONDS });
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

it("45 uploads waiting for verification (three fetches of 20) are all verified without waiting for a second poll", { timeout: 120_000 }, async () => {
  const ids: string[] = [];
  for (let i = 1; i <= 45; i++) {
    const u = await receivedUpload(portal.emu.url, { name: `Guest ${i}`, email: `drain${i}@example.com`, title: `Event clip ${i}` });
    ids.push(u.uploadId);
  }
  // Queued as the sweep and reconciliation queue them, after the callbacks have stopped arriving.
  for (const id of ids) await jobs.enqueueVerification(id);
  await expect.poll(async () => portal.db.upload.count({ where: { id: { in: ids }, state: "VERIFIED" } }), { timeout: 100_000, interval: 500 }).toBe(45);
  // Jobs taken by one fetch share its start time. Three fetches (20, 20, 5) at the poll's pace
  // start 20 s apart; fetched again as each full batch ends, they start within one interval.
  const [r] = await portal.db.$queryRaw<Array<{ fetches: bigint; spread: number }>>`
    SELECT count(DISTINCT started_on) AS fetches, extract(epoch FROM max(started_on) - min(started_on))::float8 AS spread
    FROM pgboss.job WHERE name = 'verify-upload' AND data->>'uploadId' = ANY(${ids}::text[])`;
  expect(Number(r!.fetches)).toBeGreaterThanOrEqual(3);
  expect(r!.spread).toBeLessThan(POLL_SECONDS);
});
