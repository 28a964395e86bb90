// Delivering webhooks (issue #16): one row per endpoint and event (the same webhook-id on every
// attempt, so receivers can deduplicate), signed at each attempt with the Standard Webhooks
// library, sent under the row's lock (two workers never send the same delivery at once) and
// retried on Standard Webhooks' schedule — 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: over a day —
// then marked failed (staff can redeliver). Every attempt is logged with its status and latency.
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { guardedDispatcher } from "@/lib/twentythree";
import { endpointSecret, refusedTarget } from "./endpoints";
import { slackBody, testPayload, uploadPayload, type WebhookPayload } from "./payload";

export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000];
const TIMEOUT_MS = 10_000;

/** Queue an upload event for every subscribed endpoint of the upload's connection. `eventId` is
 * stable across retries of the event job, so a retried fan-out finds its rows and adds none. */
export async function queueWebhooks(type: string, uploadId: string, eventId: string): Promise<string[]> {
  const upload = await db().upload.findUnique({ where: { id: uploadId }, select: { connectionId: true } });
  if (!upload) return [];
  const endpoints = await db().webhookEndpoint.findMany({ where: { connectionId: upload.connectionId, active: true, events: { has: type } } });
  if (!endpoints.length) return [];
  const payload = await uploadPayload(type, uploadId);
  if (!payload) return [];
  const ids: string[] = [];
  for (const e of endpoints) {
    const rows = await db().$queryRaw<{ id: string }[]>`
      INSERT INTO webhook_deliveries (id, endpoint_id, message_id, type, upload_id, payload)
      VALUES (gen_random_uuid(), ${e.id}::uuid, ${`msg_${eventId}`}, ${type}, ${uploadId}::uuid, ${JSON.stringify(payload)}::jsonb)
      ON CONFLICT (endpoint_id, message_id) DO NOTHING RETURNING id::text`;
    if (rows[0]) ids.push(rows[0].id);
  }
  return ids;
}

/** "Send test event": a delivery like any other, logged and retried the same way. */
export async function queueTestEvent(endpointId: string): Promise<string> {
  const row = await db().webhookDelivery.create({
    data: { endpointId, messageId: `msg_${randomUUID()}`, type: "webhook.test", payload: testPayload() as unknown as Prisma.InputJsonValue },
  });
  return row.id;
}

/** Staff's manual redelivery: the same webhook-id (receivers see it is the same event). */
export async function redeliver(deliveryId: string): Promise<boolean> {
  const r = await db().webhookDelivery.updateMany({
    where: { id: deliveryId, status: { in: ["failed", "delivered"] } },
    data: { status: "pending", attempts: 0, nextAttemptAt: null },
  });
  return r.count > 0;
}

export type DeliverOutcome = { kind: "delivered" | "already" | "gave_up" | "gone" } | { kind: "retry"; inSeconds: number };

export async function deliverWebhook(deliveryId: string, now = () => new Date()): Promise<DeliverOutcome> {
  return db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM webhook_deliveries WHERE id = ${deliveryId}::uuid FOR UPDATE`;
      if (!locked.length) return { kind: "gone" };
      const d = await tx.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true } });
      if (d.status === "delivered") return { kind: "already" };
      if (d.status === "failed") return { kind: "gave_up" };
      const payload = d.payload as unknown as WebhookPayload;
      const body = JSON.stringify(d.endpoint.slack ? slackBody(payload) : payload);
      const sentAt = now();
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "user-agent": "upload-portal-webhooks",
        "webhook-id": d.messageId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": new Webhook(endpointSecret(d.endpoint)).sign(d.messageId, sentAt, body),
      };
      let status: number | null = null;
      let error: string | null = null;
      const started = performance.now();
      const refused = refusedTarget(d.endpoint.url);
      if (refused) error = `address not allowed: ${refused}`;
      else {
        try {
          const res = await fetch(d.endpoint.url, {
            method: "POST",
            headers,
            body,
            redirect: "manual", // a redirect could point the signed event elsewhere
            signal: AbortSignal.timeout(TIMEOUT_MS),
            ...(env().ALLOW_PRIVATE_TARGETS ? {} : { dispatcher: guardedDispatcher() }),
          } as RequestInit);
          status = res.status;
          await res.body?.cancel().catch(() => {});
        } catch (err) {
          const e = err as Error & { cause?: Error };
          error = (e.cause?.message ?? e.message ?? "network error").slice(0, 300);
        }
      }
      const latencyMs = Math.round(performance.now() - started);
      const ok = status !== null && status >= 200 && status < 300;
      const attempts = d.attempts + 1;
      if (!ok && !error) error = `HTTP ${status}`;
      await tx.webhookAttempt.create({ data: { deliveryId: d.id, status, latencyMs, error } });
      if (ok) {
        await tx.webhookDelivery.update({
          where: { id: d.id },
          data: { status: "delivered", attempts, lastStatus: status, lastLatencyMs: latencyMs, lastError: null, deliveredAt: sentAt, nextAttemptAt: null },
        });
        return { kind: "delivered" };
      }
      const wait = RETRY_SCHEDULE_SECONDS[attempts - 1];
      await tx.webhookDelivery.update({
        where: { id: d.id },
        data: {
          status: wait === undefined ? "failed" : "pending",
          attempts,
          lastStatus: status,
          lastLatencyMs: latencyMs,
          lastError: error,
          nextAttemptAt: wait === undefined ? null : new Date(sentAt.getTime() + wait * 1000),
        },
      });
      log.warn("webhook: delivery failed", { deliveryId, attempts, status, error });
      return wait === undefined ? { kind: "gave_up" } : { kind: "retry", inSeconds: wait };
    },
    { timeout: TIMEOUT_MS + 20_000 },
  );
}

/** Each delivery's endpoint, by delivery id (the webhook worker keeps an endpoint's sends in order). */
export async function deliveryEndpoints(ids: string[]): Promise<Map<string, string>> {
  const rows = await db().webhookDelivery.findMany({ where: { id: { in: ids } }, select: { id: true, endpointId: true } });
  return new Map(rows.map((r) => [r.id, r.endpointId]));
}

/** Pending deliveries whose time has come and whose job was lost (restart): the sweep sends them. */
export async function dueWebhooks(limit = 100): Promise<string[]> {
  const rows = await db().webhookDelivery.findMany({
    where: {
      status: "pending",
      OR: [{ nextAttemptAt: null, createdAt: { lt: new Date(Date.now() - 120_000) } }, { nextAttemptAt: { lt: new Date(Date.now() - 120_000) } }],
    },
    select: { id: true },
    take: limit,
  });
  return rows.map((r) => r.id);
}
