"use server";
// Webhook endpoints are an admin's business (they send upload data to other systems). Declared
// through lib/server/action.ts like every action.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { field, formAction } from "@/lib/server/action";
import { queueTestEvent, redeliver } from "@/lib/webhooks/deliver";
import { createEndpoint, rotateSecret } from "@/lib/webhooks/endpoints";

const PATH = "/admin/settings/webhooks";
// Loaded on use, as the uploads actions do: pg-boss stays out of the action module graph.
const enqueueWebhook = async (deliveryId: string) => (await import("@/lib/jobs/queue")).enqueueWebhook(deliveryId);
const onceNote = "Copy it now: it is shown only this once. Verify deliveries with it (README: Webhooks).";
const gone = () => ({ ok: false, message: "That endpoint no longer exists." });
const endpointId = z.object({ endpointId: z.uuid() });
const readEndpoint = (f: FormData) => ({ endpointId: field(f, "endpointId") });

// createEndpoint checks the connection, the URL (https, no private targets) and the events itself.
const newEndpoint = z.object({
  connectionId: z.string().max(100),
  url: z.string().trim().max(2000),
  events: z.array(z.string().max(50)).max(20),
  format: z.string().max(10).optional(),
});

export const addEndpoint = formAction({
  name: "addWebhookEndpoint",
  who: "admin",
  schema: newEndpoint,
  read: (f) => ({
    connectionId: field(f, "connectionId"),
    url: field(f, "url"),
    events: f.getAll("events").map(String),
    format: field(f, "format") || undefined,
  }),
  invalid: (_e, f) => ({ ok: false, message: "Check the address and the events.", values: { url: field(f, "url") } }),
  run: async (input, _actor, f) => {
    const r = await createEndpoint(input);
    if (!r.ok) return { ok: false, message: r.message, values: { url: field(f, "url") } };
    revalidatePath(PATH);
    return { ok: true, message: `Endpoint added. Signing secret: ${r.secret} — ${onceNote}` };
  },
});

export const rotateEndpointSecret = formAction({
  name: "rotateWebhookSecret",
  who: "admin",
  schema: endpointId,
  read: readEndpoint,
  invalid: gone,
  run: async ({ endpointId }) => {
    const secret = await rotateSecret(endpointId);
    if (!secret) return gone();
    return { ok: true, message: `New signing secret: ${secret} — the old one no longer verifies. ${onceNote}` };
  },
});

export const sendTestEvent = formAction({
  name: "sendWebhookTest",
  who: "admin",
  schema: endpointId,
  read: readEndpoint,
  invalid: gone,
  run: async ({ endpointId }) => {
    if (!(await db().webhookEndpoint.findUnique({ where: { id: endpointId } }))) return gone();
    await enqueueWebhook(await queueTestEvent(endpointId));
    revalidatePath(PATH);
    return { ok: true, message: "Test event queued; its delivery appears below." };
  },
});

export const redeliverWebhook = formAction({
  name: "redeliverWebhook",
  who: "admin",
  schema: z.object({ deliveryId: z.uuid() }),
  read: (f) => ({ deliveryId: field(f, "deliveryId") }),
  invalid: () => ({ ok: false, message: "Only a delivered or failed event can be sent again." }),
  run: async ({ deliveryId }) => {
    if (!(await redeliver(deliveryId))) return { ok: false, message: "Only a delivered or failed event can be sent again." };
    await enqueueWebhook(deliveryId);
    revalidatePath(PATH);
    return { ok: true, message: "Queued again, with the same webhook-id." };
  },
});

export const deleteEndpoint = formAction({
  name: "deleteWebhookEndpoint",
  who: "admin",
  schema: endpointId,
  read: readEndpoint,
  invalid: gone,
  run: async ({ endpointId }) => {
    await db().webhookEndpoint.deleteMany({ where: { id: endpointId } });
    revalidatePath(PATH);
    return { ok: true, message: "Endpoint removed." };
  },
});
