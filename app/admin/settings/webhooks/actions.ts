"use server";
// Webhook endpoints are an admin's business (they send upload data to other systems).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { queueTestEvent, redeliver } from "@/lib/webhooks/deliver";
import { createEndpoint, rotateSecret } from "@/lib/webhooks/endpoints";

const PATH = "/admin/settings/webhooks";
// Loaded on use, as the uploads actions do: pg-boss stays out of the action module graph.
const enqueueWebhook = async (deliveryId: string) => (await import("@/lib/jobs")).enqueueWebhook(deliveryId);
const id = (f: FormData, k: string) => z.uuid().safeParse(String(f.get(k) ?? ""));
const onceNote = "Copy it now: it is shown only this once. Verify deliveries with it (README: Webhooks).";

export const addEndpoint = guardedAction("ADMIN", "addWebhookEndpoint", async (_actor, f) => {
  const r = await createEndpoint({ connectionId: String(f.get("connectionId") ?? ""), url: String(f.get("url") ?? "").trim(), events: f.getAll("events").map(String) });
  if (!r.ok) return { ok: false, message: r.message, values: { url: String(f.get("url") ?? "") } };
  revalidatePath(PATH);
  return { ok: true, message: `Endpoint added. Signing secret: ${r.secret} — ${onceNote}` };
});

export const rotateEndpointSecret = guardedAction("ADMIN", "rotateWebhookSecret", async (_actor, f) => {
  const e = id(f, "endpointId");
  const secret = e.success ? await rotateSecret(e.data) : null;
  if (!secret) return { ok: false, message: "That endpoint no longer exists." };
  return { ok: true, message: `New signing secret: ${secret} — the old one no longer verifies. ${onceNote}` };
});

export const sendTestEvent = guardedAction("ADMIN", "sendWebhookTest", async (_actor, f) => {
  const e = id(f, "endpointId");
  if (!e.success || !(await db().webhookEndpoint.findUnique({ where: { id: e.data } }))) return { ok: false, message: "That endpoint no longer exists." };
  await enqueueWebhook(await queueTestEvent(e.data));
  revalidatePath(PATH);
  return { ok: true, message: "Test event queued; its delivery appears below." };
});

export const redeliverWebhook = guardedAction("ADMIN", "redeliverWebhook", async (_actor, f) => {
  const d = id(f, "deliveryId");
  if (!d.success || !(await redeliver(d.data))) return { ok: false, message: "Only a delivered or failed event can be sent again." };
  await enqueueWebhook(d.data);
  revalidatePath(PATH);
  return { ok: true, message: "Queued again, with the same webhook-id." };
});

export const deleteEndpoint = guardedAction("ADMIN", "deleteWebhookEndpoint", async (_actor, f) => {
  const e = id(f, "endpointId");
  if (!e.success) return { ok: false, message: "That endpoint no longer exists." };
  await db().webhookEndpoint.deleteMany({ where: { id: e.data } });
  revalidatePath(PATH);
  return { ok: true, message: "Endpoint removed." };
});
