// The verification worker's hold during a burst of callbacks (lib/jobs/index.ts afterBurst) has a
// cap, and after a hold that reached it the next batch is not held again for as long: a burst
// that never ends (or someone keeping one going) cannot keep uploads from being verified. Real
// pg-boss with a two-second poll and a four-second cap, real Postgres, the emulator over HTTP.
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");
const HOLD_SECONDS = 4;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ authSecret: "hold-test-secret-0123456789abcdef0123", logLevel: "error" });
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: 2, burstHoldSeconds: HOLD_SECONDS });
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

it("a burst that never ends holds one batch to the cap, and the batch after it runs without waiting again", { timeout: 120_000 }, async () => {
  const ids: string[] = [];
  for (let i = 1; i <= 21; i++) {
    ids.push((await receivedUpload(portal.emu.url, { name: `Guest ${i}`, email: `hold${i}@example.com`, title: `Clip ${i}` })).uploadId);
  }
  // Callbacks keep arriving at this instance, 20 a second, for the whole test.
  for (let i = 0; i < 10; i++) queue.noteCallback();
  const arriving = setInterval(() => queue.noteCallback(), 50);
  try {
    await jobs.enqueueVerifications(ids); // 21: a full batch of 20, then one
    await expect.poll(async () => portal.db.upload.count({ where: { id: { in: ids }, state: "VERIFIED" } }), { timeout: 60_000, interval: 250 }).toBe(21);
  } finally {
    clearInterval(arriving);
  }
  // Each fetch's jobs share its start time; each job's upload has its verification time.
  const rows = await portal.db.$queryRaw<Array<{ fetched: Date; upload_id: string }>>`
    SELECT started_on AS fetched, data->>'uploadId' AS upload_id FROM pgboss.job
    WHERE name = 'verify-upload' AND data->>'uploadId' = ANY(${ids}::text[])`;
  const verified = new Map(
    (await portal.db.upload.findMany({ where: { id: { in: ids } }, select: { id: true, verifiedAt: true } })).map((u) => [u.id, u.verifiedAt!.getTime()]),
  );
  const fetches = [...new Set(rows.map((r) => r.fetched.getTime()))].sort((a, b) => a - b);
  expect(fetches).toHaveLength(2);
  const waited = (fetch: number) => (Math.min(...rows.filter((r) => r.fetched.getTime() === fetch).map((r) => verified.get(r.upload_id)!)) - fetch) / 1000;
  // The first batch was held until the cap, the second (right after it) not at all.
  expect(waited(fetches[0]!)).toBeGreaterThan(HOLD_SECONDS - 1);
  expect(waited(fetches[1]!)).toBeLessThan(HOLD_SECONDS - 1);
});
