// Webhook endpoints per connection (issue #16). Targets obey the same rule as TwentyThree API
// URLs (lib/twentythree/address-guard: no link-local / cloud-metadata addresses unless
// ALLOW_PRIVATE_TARGETS), checked here on the name and again on the address actually dialled.
// Secrets are Standard Webhooks secrets (whsec_ + base64 of 24 random bytes), stored encrypted
// and returned only by create and rotate: the admin sees each one once.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { decryptJson, encryptJson } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { UPLOAD_EVENTS } from "@/lib/processing/event-types";
import { blockedHostReason } from "@/lib/twentythree";

export const endpointSchema = z.object({
  connectionId: z.uuid({ error: "Choose a connection." }),
  url: z
    .url({ error: "Enter the endpoint's full URL, e.g. https://hooks.example.com/portal" })
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), "Webhook URLs start with https:// (or http://)."),
  events: z.array(z.enum(UPLOAD_EVENTS)).min(1, "Choose at least one event."),
  /** "auto": a Slack message for hooks.slack.com, signed JSON elsewhere; "slack" for Slack-compatible
   * receivers on other hosts (Mattermost, Rocket.Chat, a proxy); "json" always the signed event. */
  format: z.enum(["auto", "json", "slack"], { error: "Choose a message format." }).default("auto"),
});

export const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;
export const isSlackUrl = (url: string) => new URL(url).hostname === "hooks.slack.com";
export const slackFormat = (format: "auto" | "json" | "slack", url: string) => format === "slack" || (format === "auto" && isSlackUrl(url));

/** Why this URL may not be called, or undefined. */
export function refusedTarget(url: string): string | undefined {
  if (env().ALLOW_PRIVATE_TARGETS) return undefined;
  return blockedHostReason(new URL(url).hostname);
}

export type CreateResult = { ok: true; id: string; secret: string } | { ok: false; message: string };

export async function createEndpoint(input: unknown): Promise<CreateResult> {
  const p = endpointSchema.safeParse(input);
  if (!p.success) return { ok: false, message: p.error.issues[0]?.message ?? "Check the endpoint." };
  const refused = refusedTarget(p.data.url);
  if (refused) return { ok: false, message: `That address is not allowed: ${refused}.` };
  if (!(await db().connection.findUnique({ where: { id: p.data.connectionId }, select: { id: true } })))
    return { ok: false, message: "That connection no longer exists." };
  const secret = newSecret();
  const row = await db().webhookEndpoint.create({
    data: {
      connectionId: p.data.connectionId,
      url: p.data.url,
      events: p.data.events,
      secretEnc: encryptJson({ secret }),
      slack: slackFormat(p.data.format, p.data.url),
    },
  });
  return { ok: true, id: row.id, secret };
}

/** A new secret; the old one stops working at once (deliveries are signed when sent). */
export async function rotateSecret(endpointId: string): Promise<string | null> {
  const secret = newSecret();
  const r = await db().webhookEndpoint.updateMany({ where: { id: endpointId }, data: { secretEnc: encryptJson({ secret }) } });
  return r.count ? secret : null;
}

export const endpointSecret = (e: { secretEnc: string }) => decryptJson<{ secret: string }>(e.secretEnc).value.secret;
