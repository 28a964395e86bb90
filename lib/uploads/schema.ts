// Inputs of the moderation actions, parsed before anything else happens.
import { z } from "zod";

export const MODERATION_ACTIONS = ["approve", "unpublish", "reject", "delete", "edit", "dismiss"] as const;
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];
export const BULK_ACTIONS = ["approve", "reject", "delete", "dismiss"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];
export const MAX_BULK = 100;

export const editSchema = z.object({
  title: z.string().trim().min(1, "Give the video a title").max(255, "Keep the title under 255 characters"),
  description: z.string().trim().max(5000, "Keep the description under 5000 characters"),
  tags: z
    .string()
    .max(1000)
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ]),
});
export type EditInput = z.output<typeof editSchema>;

export const moderateSchema = z.object({
  uploadId: z.uuid("Unknown upload"),
  action: z.enum(MODERATION_ACTIONS, "Unknown action"),
});

export const bulkSchema = z.object({
  ids: z.array(z.uuid()).min(1, "Select at least one upload.").max(MAX_BULK, `Select at most ${MAX_BULK} uploads at a time.`),
  action: z.enum(BULK_ACTIONS, "Unknown action"),
  // Deleting is not undoable: the form asks first, and the server insists it did.
  confirmed: z.string().optional(),
});

/** One action from the review page; `edit` only when the action is "edit". */
export const moderateUploadSchema = moderateSchema.extend({
  edit: editSchema.optional(),
  /** Publishing a video whose contributor withdrew consent needs a reason (issue #17). */
  overrideReason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
});

/** The uploads list's query string, as the page's URL has it. parseUploadFilter reads it
 * leniently (an unknown value is dropped, as a hand-edited URL deserves), so the schema only
 * insists on a query string. */
export const uploadListQuerySchema = z.object({ search: z.instanceof(URLSearchParams) });
