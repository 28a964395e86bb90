// Issue #16 "Done when": signed webhooks verify with the Standard Webhooks library on the
// receiving side, a replayed or re-signed delivery is refused by that verifier, and a failing
// endpoint loses no event (delivered once it recovers, never twice). Real Postgres, the emulator
// over HTTP, a real HTTP receiver.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import type { TestEmulator } from "@/test/emulator";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let emu: TestEmulator;
let dbm: typeof import("@/lib/db");
let endpoints: typeof import("@/lib/webhooks/endpoints");
let deliver: typeof import("@/lib/webhooks/deliver");

type Got = { url?: string; headers: Record<string, string>; body: string };
const got: Got[] = [];
let failWith = 0; // 0 = answer 204
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    if (failWith) return void res.writeHead(failWith).end("down");
    got.push({ url: req.url, headers: req.headers as Record<string, string>, body });
    res.writeHead(204).end();
  });
});
let receiverUrl: string;
let connectionId: string;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  portal = await startPortalWithEmulator({
    appUrl: "http://localhost:3994",
    authSecret: "webhook-test-secret-0123456789abcdef01234",
    logLevel: "error",
    emulator: { transcodeSeconds: 0 },
  });
  emu = portal.emu;
  dbm = await import("@/lib/db");
  endpoints = await import("@/lib/webhooks/endpoints");
  deliver = await import("@/lib/webhooks/deliver");
  connectionId = (await dbm.db().intakeLink.findUniqueOrThrow({ where: { slug: "demo" } })).connectionId;
});
afterAll(async () => {
  await portal?.close();
  receiver.close();
});

async function confirmedUpload(who: string): Promise<string> {
  const verify = await import("@/lib/intake/verify");
  const { uploadId } = await receivedUpload(emu.url, { name: who, email: "v@example.com", title: `${who}'s story` }, "198.51.100.9");
  await verify.verifyUpload(uploadId);
  return uploadId;
}

const verifyWith = (secret: string, g: Got) =>
  new Webhook(secret).verify(g.body, {
    "webhook-id": g.headers["webhook-id"]!,
    "webhook-timestamp": g.headers["webhook-timestamp"]!,
    "webhook-signature": g.headers["webhook-signature"]!,
  });

describe("signed webhooks", () => {
  let secret: string;
  let endpointId: string;

  it("refuses link-local and metadata targets, as for TwentyThree connections", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://metadata.google.internal/x", "http://[fe80::1]/x"]) {
      const r = await endpoints.createEndpoint({ connectionId, url, events: ["upload.ready"] });
      expect(r).toMatchObject({ ok: false });
      expect((r as { message: string }).message).toMatch(/not allowed/);
    }
    expect(await endpoints.createEndpoint({ connectionId, url: "ftp://example.com/x", events: ["upload.ready"] })).toMatchObject({ ok: false });
  });

  it("a delivery verifies with the Standard Webhooks library; a replay later, a moved timestamp or a re-signed body is refused", async () => {
    const created = await endpoints.createEndpoint({ connectionId, url: receiverUrl, events: ["upload.verified", "upload.ready"] });
    if (!created.ok) throw new Error(created.message);
    ({ secret, id: endpointId } = created);
    expect(secret).toMatch(/^whsec_/);
    const stored = await dbm.db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(stored.secretEnc).not.toContain(secret.slice(6)); // encrypted at rest

    const uploadId = await confirmedUpload("Ada Lovelace");
    const ids = await deliver.queueWebhooks("upload.verified", uploadId, "evt-1");
    expect(ids).toHaveLength(1);
    expect(await deliver.queueWebhooks("upload.verified", uploadId, "evt-1")).toEqual([]); // a retried fan-out adds nothing
    expect(await deliver.queueWebhooks("upload.failed", uploadId, "evt-2")).toEqual([]); // not subscribed
    expect(await deliver.deliverWebhook(ids[0]!)).toEqual({ kind: "delivered" });

    const g = got.at(-1)!;
    const payload = verifyWith(secret, g) as { type: string; data: { upload_id: string; review_url: string; contributor: { name: string } } };
    expect(payload.type).toBe("upload.verified");
    expect(payload.data).toMatchObject({
      upload_id: uploadId,
      review_url: `http://localhost:3994/admin/uploads/${uploadId}`,
      contributor: { name: "Ada Lovelace" },
    });
    expect(g.headers["webhook-id"]).toBe("msg_evt-1");

    // Replayed ten minutes later, as captured: outside the verifier's tolerance.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    expect(() => verifyWith(secret, g)).toThrow();
    // The same capture with a fresh timestamp: the signature no longer matches.
    expect(() => verifyWith(secret, { ...g, headers: { ...g.headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000)) } })).toThrow();
    vi.useRealTimers();
    // A body changed and re-signed with the attacker's own secret.
    const forged = JSON.stringify({ ...JSON.parse(g.body), type: "upload.deleted" });
    const attacker = new Webhook(endpoints.newSecret());
    const sig = attacker.sign(g.headers["webhook-id"]!, new Date(), forged);
    expect(() =>
      verifyWith(secret, { body: forged, headers: { ...g.headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": sig } }),
    ).toThrow();
    expect(() => verifyWith(secret, { body: forged, headers: g.headers })).toThrow();
  });

  it("a failing endpoint loses nothing: each attempt is logged, the retry delivers once with the same webhook-id, never twice", async () => {
    const uploadId = await confirmedUpload("Grace Hopper");
    const [id] = await deliver.queueWebhooks("upload.ready", uploadId, "evt-3");
    failWith = 503;
    expect(await deliver.deliverWebhook(id!)).toEqual({ kind: "retry", inSeconds: 5 });
    expect(await deliver.deliverWebhook(id!)).toEqual({ kind: "retry", inSeconds: 300 });
    failWith = 0;
    const before = got.length;
    expect(await deliver.deliverWebhook(id!)).toEqual({ kind: "delivered" });
    expect(await deliver.deliverWebhook(id!)).toEqual({ kind: "already" });
    expect(got.length).toBe(before + 1);
    expect(got.at(-1)!.headers["webhook-id"]).toBe("msg_evt-3");
    expect((verifyWith(secret, got.at(-1)!) as { type: string }).type).toBe("upload.ready");
    const log = await dbm.db().webhookAttempt.findMany({ where: { deliveryId: id }, orderBy: { at: "asc" } });
    expect(log.map((a) => a.status)).toEqual([503, 503, 204]);
    expect(log.every((a) => a.latencyMs >= 0)).toBe(true);
    // The schedule gives up only after more than a day.
    expect(deliver.RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0)).toBeGreaterThan(86_400);
  });

  it("a rotated secret signs from then on; the old one no longer verifies. A test event is a delivery like the others", async () => {
    const fresh = await endpoints.rotateSecret(endpointId);
    expect(fresh).toMatch(/^whsec_/);
    const id = await deliver.queueTestEvent(endpointId);
    expect(await deliver.deliverWebhook(id)).toEqual({ kind: "delivered" });
    const g = got.at(-1)!;
    expect((verifyWith(fresh!, g) as { type: string }).type).toBe("webhook.test");
    expect(() => verifyWith(secret, g)).toThrow();
    // Manual redelivery sends the same event again, with the same webhook-id.
    expect(await deliver.redeliver(id)).toBe(true);
    expect(await deliver.deliverWebhook(id)).toEqual({ kind: "delivered" });
    expect(got.at(-1)!.headers["webhook-id"]).toBe(g.headers["webhook-id"]);
  });

  it("Slack incoming-webhook URLs get a readable message", async () => {
    const { slackBody } = await import("@/lib/webhooks/payload");
    expect(endpoints.isSlackUrl("https://hooks.slack.com/services/T/B/X")).toBe(true);
    const text = slackBody({
      type: "upload.ready",
      timestamp: "",
      data: { title: "Ada's story", contributor: { name: "Ada" }, link: { title: "Testimonials" }, review_url: "https://p/admin/uploads/1" },
    }).text;
    expect(text).toBe("*Ready to watch*: “Ada's story” from Ada on “Testimonials” — <https://p/admin/uploads/1|Review>");
  });

  it("a Slack-format endpoint gets Slack's readable message over real HTTP; an automatic one off hooks.slack.com gets the signed event", async () => {
    // A local receiver stands in for Slack (the format is chosen, so no request goes to slack.com).
    const slack = await endpoints.createEndpoint({ connectionId, url: `${receiverUrl}/slack`, events: ["upload.verified"], format: "slack" });
    const auto = await endpoints.createEndpoint({ connectionId, url: `${receiverUrl}/auto`, events: ["upload.verified"] });
    if (!slack.ok || !auto.ok) throw new Error("endpoint refused");
    const uploadId = await confirmedUpload("Katherine Johnson");
    await deliver.queueWebhooks("upload.verified", uploadId, "evt-slack");
    const mine = await dbm.db().webhookDelivery.findMany({ where: { uploadId, endpointId: { in: [slack.id, auto.id] } } });
    expect(mine).toHaveLength(2);
    for (const d of mine) expect(await deliver.deliverWebhook(d.id)).toEqual({ kind: "delivered" });

    const link = await dbm.db().intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
    const toSlack = got.find((g) => g.url === "/hooks/slack")!;
    expect(toSlack.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(toSlack.body)).toEqual({
      text: `*New upload confirmed*: “Katherine Johnson's story” from Katherine Johnson on “${link.title}” — <http://localhost:3994/admin/uploads/${uploadId}|Review>`,
    });
    const toAuto = got.find((g) => g.url === "/hooks/auto")!;
    expect(verifyWith(auto.secret, toAuto)).toMatchObject({ type: "upload.verified", data: { upload_id: uploadId } });
  });
});
