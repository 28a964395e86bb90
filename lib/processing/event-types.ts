// The events an upload's life produces; their names are the webhook event names (README: Webhooks).
export const UPLOAD_EVENTS = ["upload.received", "upload.verified", "upload.ready", "upload.failed", "upload.moderated", "upload.deleted"] as const;
export type UploadEventType = (typeof UPLOAD_EVENTS)[number];
