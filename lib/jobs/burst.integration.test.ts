// A burst of uploads (a QR code at an event): TwentyThree's ownership check of each, the step the
// team's "new upload" mail waits for, and then each upload's events and their webhooks, are taken
// by the workers a poll's worth at a time, not one job per poll (pg-boss's default fetches one job
// and then waits its polling interval, so twelve uploads took twelve polls, and their 24 events
// and 24 webhooks 48 more). Real pg-boss, real Postgres, the emulator over HTTP, a real HTTP
// receiver for the webhooks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");

// The team's webhook receiver: what arrived, in the order it arrived.
const arrived: Array<{ type: string; uploadId: string }> = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const event = JSON.parse(body) as { type: string; data: { upload_id: string } };
    arrived.push({ type: event.type, uploadId: event.data.upload_id });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  portal = await startPortalWithEmulator({ authSecret: "burst-test-secret-0123456789abcdef0123", logLevel: "error" });
  const { connectionId } = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const { createEndpoint } = await import("@/lib/webhooks/endpoints");
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const endpoint = await createEndpoint({ connectionId, url, events: ["upload.received", "upload.verified"] });
  if (!endpoint.ok) throw new Error(endpoint.message);
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
  // Polls 5 s apart, so what one poll takes is visible in when each job started.
  await jobs.startJobs({ databaseUrl: portal.databaseUrl, schedule: false, pollSeconds: 5 });
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
  receiver.close();
});

const ids: string[] = [];
/** How many fetches the queue's jobs for these uploads took: jobs taken by one fetch share its start time. */
async function polls(queueName: string, key: "uploadId" | "deliveryId", keys: string[]): Promise<number> {
  const [r] = await portal.db.$queryRaw<Array<{ polls: bigint }>>`
    SELECT count(DISTINCT started_on) AS polls FROM pgboss.job WHERE name = ${queueName} AND data->>${key} = ANY(${keys}::text[])`;
  return Number(r!.polls);
}

it("twelve uploads arriving together are all verified with TwentyThree, in one or two polls of the worker", { timeout: 90_000 }, async () => {
  for (let i = 1; i <= 12; i++) {
    const u = await receivedUpload(portal.emu.url, { name: `Guest ${i}`, email: `guest${i}@example.com`, title: `Event clip ${i}` });
    ids.push(u.uploadId);
    queue.enqueueReceived(u.uploadId); // what the callback route does after an accepted callback (lib/intake/receive.ts)
  }
  await expect.poll(async () => portal.db.upload.count({ where: { id: { in: ids }, state: "VERIFIED" } }), { timeout: 60_000, interval: 500 }).toBe(12);
  // Jobs taken by one fetch share its start time (one statement); one job per poll gives twelve.
  expect(await polls("verify-upload", "uploadId", ids)).toBeLessThanOrEqual(2);
});

it("their 24 events reach the team's webhook in a few polls, each upload's 'received' before its 'verified'", { timeout: 90_000 }, async () => {
  await expect.poll(() => arrived.filter((a) => ids.includes(a.uploadId)).length, { timeout: 60_000, interval: 500 }).toBe(24);
  // Each event exactly once, and in its upload's order.
  for (const id of ids) expect(arrived.filter((a) => a.uploadId === id).map((a) => a.type)).toEqual(["upload.received", "upload.verified"]);
  // Every event is marked dispatched. A webhook can be delivered before the dispatch that queued
  // it has committed its mark (its delivery row and job are committed first), the more often now
  // that a worker whose fetch came back full fetches again at once.
  await expect.poll(() => portal.db.uploadEvent.count({ where: { uploadId: { in: ids }, dispatchedAt: null } }), { timeout: 10_000, interval: 200 }).toBe(0);
  // Nothing arrived twice while the marks were being committed.
  expect(arrived.filter((a) => ids.includes(a.uploadId))).toHaveLength(24);
  // Each upload's verification job dispatches its received event itself; the verified ones are
  // taken by the event worker a poll's worth at a time (one to three fetches, as the polls fall).
  // Their deliveries, 10 a fetch. One job per fetch was 24 fetches for each.
  expect(await polls("upload-event", "uploadId", ids)).toBeLessThanOrEqual(6);
  const deliveries = await portal.db.webhookDelivery.findMany({ where: { uploadId: { in: ids } }, select: { id: true } });
  expect(deliveries).toHaveLength(24);
  expect(
    await polls(
      "deliver-webhook",
      "deliveryId",
      deliveries.map((d) => d.id),
    ),
  ).toBeLessThanOrEqual(10);
});

it(
  "with TwentyThree failing, an accepted callback's one job sends its upload.received at once, and its verified once TwentyThree answers again",
  { timeout: 120_000 },
  async () => {
    const u = await receivedUpload(portal.emu.url, { name: "Guest at the door", email: "door@example.com", title: "Door clip" });
    await portal.emu.faults({ apiFailure: "503" });
    try {
      queue.enqueueReceived(u.uploadId);
      await expect
        .poll(() => arrived.filter((a) => a.uploadId === u.uploadId).map((a) => a.type), { timeout: 60_000, interval: 250 })
        .toEqual(["upload.received"]);
      // One job for the callback: the verification, which sent the event itself and waits for a
      // retry (TwentyThree did not answer); the row is not verified.
      const jobsOf = () =>
        portal.db.$queryRaw<Array<{ name: string; state: string }>>`SELECT name, state::text FROM pgboss.job WHERE data->>'uploadId' = ${u.uploadId}`;
      await expect.poll(jobsOf, { timeout: 10_000, interval: 200 }).toEqual([{ name: "verify-upload", state: "retry" }]);
      expect((await portal.db.upload.findUniqueOrThrow({ where: { id: u.uploadId } })).state).toBe("RECEIVED");
    } finally {
      await portal.emu.faults(null);
    }
    // TwentyThree answers again: the retry confirms the upload, and the team hears of it, in order.
    await expect
      .poll(() => arrived.filter((a) => a.uploadId === u.uploadId).map((a) => a.type), { timeout: 90_000, interval: 500 })
      .toEqual(["upload.received", "upload.verified"]);
  },
);
