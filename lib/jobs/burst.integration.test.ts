// A burst of uploads (a QR code at an event): TwentyThree's ownership check of each, the step the
// team's "new upload" mail waits for, is taken by the workers a poll's worth at a time, not one
// job per poll (pg-boss's default fetches one job and then waits its polling interval, so twelve
// uploads took twelve polls). Real pg-boss, real Postgres, the emulator over HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ authSecret: "burst-test-secret-0123456789abcdef0123", logLevel: "error" });
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
  // Polls 5 s apart, so what one poll takes is visible in when each job started.
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: 5 });
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

it("twelve uploads arriving together are all verified with TwentyThree, in one or two polls of the worker", { timeout: 90_000 }, async () => {
  const ids: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const u = await receivedUpload(portal.emu.url, { name: `Guest ${i}`, email: `guest${i}@example.com`, title: `Event clip ${i}` });
    ids.push(u.uploadId);
    queue.enqueueReceived(u.uploadId); // what the callback route does after an accepted callback (lib/intake/receive.ts)
  }
  await expect.poll(async () => portal.db.upload.count({ where: { id: { in: ids }, state: "VERIFIED" } }), { timeout: 60_000, interval: 500 }).toBe(12);
  // Jobs taken by one fetch share its start time (one statement); one job per poll gives twelve.
  const started = await portal.db.$queryRaw<Array<{ polls: bigint }>>`
    SELECT count(DISTINCT started_on) AS polls FROM pgboss.job WHERE name = 'verify-upload' AND data->>'uploadId' = ANY(${ids}::text[])`;
  expect(Number(started[0]!.polls)).toBeLessThanOrEqual(2);
});
