// After a big burst (a few thousand uploads at an event) the verification queue holds far more
// than one batch. A worker whose batch came back full fetches again as soon as it ends, instead of
// waiting out its polling interval, so the backlog drains at the speed of the work; the team's
// "new upload" mail waits for that check. Here: 45 uploads' checks queued at once (more than two
// batches of 20), with the workers' polls 20 s apart. Real pg-boss, real Postgres, the emulator
// over HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

const POLL_SECONDS = 20;
let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ authSecret: "backlog-test-secret-0123456789abcdef012", logLevel: "error" });
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

it("a backlog of 45 checks is taken in back-to-back batches, not one batch per poll", { timeout: 120_000 }, async () => {
  // The uploads arrive before any worker runs (no boss yet: their callbacks queue nothing).
  const ids: string[] = [];
  for (let i = 1; i <= 45; i++) {
    const u = await receivedUpload(portal.emu.url, { name: `Guest ${i}`, email: `backlog${i}@example.com`, title: `Clip ${i}` }, `198.51.100.${i}`);
    ids.push(u.uploadId);
  }
  // The workers start and make their first, empty fetches; then every check is queued at once
  // (one insert, as the callback route batches them), to wait for the next poll.
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: POLL_SECONDS });
  for (const id of ids) queue.enqueueReceived(id);

  await expect
    .poll(async () => portal.db.upload.count({ where: { id: { in: ids }, state: "VERIFIED" } }), { timeout: 2.5 * POLL_SECONDS * 1000, interval: 500 })
    .toBe(45);
  // Jobs taken by one fetch share its start time. Three fetches (20, 20, 5) one after another:
  // one batch per poll would have spread them over two polling intervals (40 s).
  const fetches = await portal.db.$queryRaw<Array<{ started_on: Date; n: bigint }>>`
    SELECT started_on, count(*) AS n FROM pgboss.job WHERE name = 'verify-upload' AND data->>'uploadId' = ANY(${ids}::text[])
    GROUP BY started_on ORDER BY started_on`;
  expect(fetches.map((f) => Number(f.n))).toEqual([20, 20, 5]);
  const spreadMs = fetches.at(-1)!.started_on.getTime() - fetches[0]!.started_on.getTime();
  expect(spreadMs).toBeLessThan(POLL_SECONDS * 1000);
});
