// Issue #16 "Done when": against the emulator over HTTP and a real Postgres, an upload moves
// received → verified → processing → ready by the follow job's polling (real pg-boss) and,
// separately, by TwentyThree's pingback (the emulator POSTs it to a server here that hands it to
// the same code as the route); a forged pingback changes nothing TwentyThree does not confirm.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receivedUpload, type ReceivedUpload } from "@/test/received-upload";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TestEmulator } from "@/test/emulator";
import { readFixture } from "@/test/fixtures";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

const clip = readFixture("clip.mp4");
let portal: PortalWithEmulator;
let emu: TestEmulator;
let dbm: typeof import("@/lib/db");
let verify: typeof import("@/lib/intake/verify");
let follow: typeof import("@/lib/processing/follow");
let pingback: typeof import("@/lib/processing/pingback");
let jobs: typeof import("@/lib/jobs");
let dbUrl: string;

// The pingback receiver: forwards what the emulator sends to the portal's pingback handler.
let forwardPingbacks = true;
const pingbacks: Array<{ photoId: string; status: number }> = [];
const receiver = http.createServer((req, res) => {
  const params = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams.entries());
  if (!forwardPingbacks) return void res.end("ignored");
  void pingback.receivePingback(params, "127.0.0.1").then((a) => {
    pingbacks.push({ photoId: params.photo_id ?? "", status: a.status });
    res.statusCode = a.status;
    res.end(a.text);
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const port = (receiver.address() as AddressInfo).port;
  portal = await startPortalWithEmulator({
    appUrl: "http://localhost:3996",
    authSecret: "processing-test-secret-0123456789abcdef01",
    logLevel: "error",
    emulator: { transcodeSeconds: 4, pingbackUrl: `http://127.0.0.1:${port}/api/twentythree/pingback` },
  });
  ({ emu, databaseUrl: dbUrl } = portal);
  dbm = await import("@/lib/db");
  verify = await import("@/lib/intake/verify");
  follow = await import("@/lib/processing/follow");
  pingback = await import("@/lib/processing/pingback");
  jobs = await import("@/lib/jobs");
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
  receiver.close();
});

const faults = (body: Record<string, unknown> | null) =>
  fetch(
    `${emu.url}/_emulator/faults`,
    body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : { method: "DELETE" },
  );
const row = (id: string) => dbm.db().upload.findUniqueOrThrow({ where: { id } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let n = 0;
/** A visitor's upload up to the callback: returns the recorded (received) row's id. */
async function received(): Promise<ReceivedUpload> {
  const i = ++n;
  return receivedUpload(emu.url, { name: `Visitor ${i}`, email: `v${i}@example.com`, title: `Clip ${i}` }, "198.51.100.7");
}

async function until(id: string, ok: (r: Awaited<ReturnType<typeof row>>) => boolean, seen: string[] = [], ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const r = await row(id);
    const label = r.processing ?? r.state;
    if (seen.at(-1) !== label) seen.push(label);
    if (ok(r)) return r;
    if (Date.now() > end) throw new Error(`timed out; states seen: ${seen.join(" → ")}`);
    await sleep(150);
  }
}

describe("processing state", () => {
  it("pingback: verified → processing → ready when TwentyThree says transcoding ended, with length, size and thumbnail", async () => {
    forwardPingbacks = true;
    const { uploadId, photoId } = await received();
    expect((await row(uploadId)).state).toBe("RECEIVED");
    expect(await verify.verifyUpload(uploadId)).toBe("verified");
    expect((await row(uploadId)).processing).toBeNull();

    // The job's first look (no workers run in this test: only the pingback can finish it).
    const first = await follow.followProcessing(uploadId);
    expect(first).toMatchObject({ kind: "followed", state: "PROCESSING" });
    const processing = await row(uploadId);
    expect(processing.thumbnailUrl).toMatch(new RegExp(`^${emu.url}/api/photo/frame\\?photo_id=${photoId}&`));
    const frame = await fetch(processing.thumbnailUrl!);
    expect(frame.headers.get("content-type")).toBe("image/jpeg");

    const ready = await until(uploadId, (r) => r.processing === "READY");
    expect(pingbacks.some((p) => p.photoId === photoId && p.status === 200)).toBe(true);
    expect(ready.processingPercent).toBe(100);
    expect(ready.videoLength).toBeGreaterThan(0);
    expect(Number(ready.sizeBytes)).toBe(clip.length);
    expect(ready.thumbnailUrl).toBe(`${emu.url}/1/${photoId}/${ready.photoToken}/small`);
    const thumb = await fetch(ready.thumbnailUrl!);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
  });

  it("a forged pingback changes nothing: an object still transcoding stays processing, an unconfirmed claim is never followed", async () => {
    forwardPingbacks = true;
    await faults({ stallTranscoding: true });
    const stalled = await received();
    await faults(null);
    await verify.verifyUpload(stalled.uploadId);
    await follow.followProcessing(stalled.uploadId);
    const before = await row(stalled.uploadId);
    expect(before.processing).toBe("PROCESSING");

    // The attacker's means: the public photo_id, posted as often as the limit allows.
    for (let i = 0; i < 5; i++) expect((await pingback.receivePingback({ type: "photo", photo_id: stalled.photoId }, "203.0.113.50")).status).toBe(200);
    const after = await row(stalled.uploadId);
    expect(after.processing).toBe("PROCESSING");
    expect(after.readyAt).toBeNull();

    // A photo_id the portal never confirmed (an unconfirmed claim on another object): untouched.
    const claim = await dbm.db().upload.create({
      data: { connectionId: before.connectionId, linkId: before.linkId, tokenId: before.tokenId, photoId: "99999999", state: "RECEIVED" },
    });
    expect((await pingback.receivePingback({ type: "photo", photo_id: "99999999" }, "203.0.113.50")).status).toBe(200);
    const claimAfter = await row(claim.id);
    expect(claimAfter.processing).toBeNull();
    expect(claimAfter.updatedAt.getTime()).toBe(claim.updatedAt.getTime());

    // Bad input is a plain 400; a flood is limited.
    expect((await pingback.receivePingback({ type: "photo", photo_id: "1;drop" }, "203.0.113.51")).status).toBe(400);
    let last = 200;
    for (let i = 0; i < pingback.PINGBACK_LIMIT.max + 1; i++) last = (await pingback.receivePingback({ type: "photo", photo_id: "1" }, "203.0.113.52")).status;
    expect(last).toBe(429);
  });

  it("a video that never finishes times out after PROCESSING_TIMEOUT_MINUTES, and staff can make it look again", async () => {
    await faults({ stallTranscoding: true });
    const stalled = await received();
    await faults(null);
    await verify.verifyUpload(stalled.uploadId);
    await follow.followProcessing(stalled.uploadId);
    const later = new Date(Date.now() + 361 * 60_000);
    expect(await follow.followProcessing(stalled.uploadId, { now: later })).toMatchObject({ state: "TIMED_OUT", changedTo: "TIMED_OUT" });
    expect((await row(stalled.uploadId)).processingError).toBe(follow.TIMEOUT_MESSAGE);
    expect(await follow.followProcessing(stalled.uploadId)).toEqual({ kind: "skipped" });
    // Staff's retry, long after the confirmation: the clock restarts and changes are announced.
    await dbm.db().upload.update({ where: { id: stalled.uploadId }, data: { verifiedAt: new Date(Date.now() - 2 * 86_400_000) } });
    expect(await follow.resetProcessing(stalled.uploadId)).toBe(true);
    expect(await follow.followProcessing(stalled.uploadId)).toMatchObject({ state: "PROCESSING", changedTo: "PROCESSING" });
  });

  it("rows confirmed before processing was followed are filled in quietly (no change announced, so no mail or webhook)", async () => {
    await faults({ stallTranscoding: true });
    const old = await received();
    const fresh = await received();
    await faults(null);
    await verify.verifyUpload(old.uploadId);
    await verify.verifyUpload(fresh.uploadId);
    await dbm.db().upload.update({ where: { id: old.uploadId }, data: { verifiedAt: new Date(Date.now() - 2 * 86_400_000) } });
    expect(await follow.followProcessing(old.uploadId)).toMatchObject({ state: "PROCESSING", changedTo: null });
    expect(await follow.followProcessing(fresh.uploadId)).toMatchObject({ state: "PROCESSING", changedTo: "PROCESSING" });
    expect((await row(old.uploadId)).thumbnailUrl).toMatch(/\/api\/photo\/frame\?/);
  });

  it("polling: the follow job (real pg-boss) takes a verified upload through processing to ready without any pingback", async () => {
    forwardPingbacks = false;
    await jobs.startJobs({ databaseUrl: dbUrl, schedule: false });
    const { uploadId } = await received();
    const seen: string[] = [];
    // As the callback does: verify, then queue the follow job.
    expect(await verify.verifyUpload(uploadId)).toBe("verified");
    await jobs.enqueueFollow(uploadId);
    const ready = await until(uploadId, (r) => r.processing === "READY", seen, 30_000);
    expect(seen).toEqual(["VERIFIED", "PROCESSING", "READY"]);
    expect(ready.videoLength).toBeGreaterThan(0);
  });
});
