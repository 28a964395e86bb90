// Inputs of the moderation actions, parsed before anything else happens.
import { z } from "zod";
import { BULK_ACTIONS, MAX_BULK, MODERATION_ACTIONS } from "@/lib/uploads/moderation";

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
