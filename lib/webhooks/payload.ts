// What a webhook carries: Standard Webhooks' recommended shape {type, timestamp, data}; for Slack
// incoming-webhook URLs, a readable message instead (Slack shows `text`, ignores the rest).
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type WebhookPayload = { type: string; timestamp: string; data: Record<string, unknown> };

export async function uploadPayload(type: string, uploadId: string, now = new Date()): Promise<WebhookPayload | null> {
  const u = await db().upload.findUnique({ where: { id: uploadId }, include: { link: { select: { id: true, slug: true, title: true } } } });
  if (!u) return null;
  return {
    type,
    timestamp: now.toISOString(),
    data: {
      upload_id: u.id,
      state: u.state.toLowerCase(),
      processing: u.processing?.toLowerCase() ?? null,
      photo_id: u.photoId,
      title: u.title,
      contributor: { name: u.contributorName, email: u.contributorEmail },
      link: { id: u.link.id, slug: u.link.slug, title: u.link.title },
      size_bytes: u.sizeBytes === null ? null : Number(u.sizeBytes),
      video_length: u.videoLength,
      thumbnail_url: u.verifiedAt && u.state !== "DISOWNED" ? u.thumbnailUrl : null,
      review_url: `${env().appUrl}/admin/uploads/${u.id}`,
      received_at: u.createdAt.toISOString(),
    },
  };
}

export const testPayload = (now = new Date()): WebhookPayload => ({
  type: "webhook.test",
  timestamp: now.toISOString(),
  data: { message: "A test event from the upload portal." },
});

const WORDS: Record<string, string> = {
  "upload.received": "New upload received",
  "upload.verified": "New upload confirmed",
  "upload.ready": "Ready to watch",
  "upload.failed": "Processing failed",
  "upload.moderated": "Upload moderated",
  "upload.deleted": "Upload deleted",
  "webhook.test": "Test event",
};

export function slackBody(p: WebhookPayload): { text: string } {
  const d = p.data as { title?: string; contributor?: { name?: string }; link?: { title?: string }; review_url?: string; message?: string };
  if (p.type === "webhook.test") return { text: `${WORDS[p.type]}: ${d.message ?? ""}` };
  const who = d.contributor?.name ? ` from ${d.contributor.name}` : "";
  return { text: `*${WORDS[p.type] ?? p.type}*: “${d.title ?? "Untitled"}”${who} on “${d.link?.title ?? ""}” — <${d.review_url}|Review>` };
}
