"use server";
// Moderation actions, declared through lib/server/action.ts: members and admins alike review uploads.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { resetMail } from "@/lib/mail/outbox";
import { resetProcessing } from "@/lib/processing/follow";
import { fieldErrorsOf } from "@/lib/field-errors";
import { field, formAction } from "@/lib/server/action";
import { moderate, moderateMany } from "@/lib/uploads/moderation";
import { bulkSchema, moderateUploadSchema } from "@/lib/uploads/schema";

const editValues = (f: FormData) => ({ title: field(f, "title"), description: field(f, "description"), tags: field(f, "tags") });
// The edit form's field errors are keyed by the field, not by "edit".
const editErrors = (error: z.ZodError) => fieldErrorsOf({ issues: error.issues.map((i) => ({ ...i, path: i.path.slice(1) })) } as z.ZodError);

export const moderateUpload = formAction({
  name: "moderateUpload",
  who: "member",
  schema: moderateUploadSchema,
  read: (f) => ({
    uploadId: field(f, "uploadId"),
    action: field(f, "action"),
    edit: field(f, "action") === "edit" ? editValues(f) : undefined,
    overrideReason: field(f, "overrideReason") || undefined,
  }),
  invalid: (error, f) =>
    error.issues.every((i) => i.path[0] === "edit")
      ? { ok: false, fieldErrors: editErrors(error), values: editValues(f) }
      : { ok: false, message: "That action is not available." },
  run: async ({ uploadId, action, edit, overrideReason }, actor) => {
    const result = await moderate({ uploadId, userId: actor.id, action, edit, overrideReason });
    revalidatePath(`/admin/uploads/${uploadId}`);
    revalidatePath("/admin/uploads");
    return { ok: result.ok, message: result.message };
  },
});

const VERB = { approve: "published", reject: "rejected", delete: "deleted", dismiss: "dismissed" } as const;

export const bulkModerate = formAction({
  name: "bulkModerate",
  who: "member",
  schema: bulkSchema,
  read: (f) => ({ ids: f.getAll("ids").map(String), action: field(f, "action"), confirmed: field(f, "confirmed") || undefined }),
  invalid: (error) => ({ ok: false, message: error.issues[0]?.message ?? "That action is not available." }),
  run: async ({ ids, action, confirmed }, actor) => {
    if (action === "delete" && confirmed !== "yes") return { ok: false, message: "Confirm the deletion first." };
    const result = await moderateMany(ids, action, actor.id);
    revalidatePath("/admin/uploads");
    const failed = result.failed.length;
    const first = result.failed[0]?.message;
    const message = `${result.done} ${VERB[action]}.` + (failed ? ` ${failed} failed${first ? `: ${first}` : ""}` : "");
    return { ok: failed === 0, message };
  },
});

const uploadIdSchema = z.object({ uploadId: z.uuid() });
const messageIdSchema = z.object({ messageId: z.uuid() });
const unavailable = () => ({ ok: false, message: "That action is not available." });

// After "failed" or "timed out": start following TwentyThree's processing again (a new time-out).
export const retryProcessing = formAction({
  name: "retryProcessing",
  who: "member",
  schema: uploadIdSchema,
  read: (f) => ({ uploadId: field(f, "uploadId") }),
  invalid: unavailable,
  run: async ({ uploadId }) => {
    if (!(await resetProcessing(uploadId))) return { ok: false, message: "Only a failed or timed-out upload can be checked again." };
    const { enqueueFollow } = await import("@/lib/jobs/queue"); // pg-boss stays out of the action module graph
    await enqueueFollow(uploadId);
    revalidatePath(`/admin/uploads/${uploadId}`);
    revalidatePath("/admin/uploads");
    return { ok: true, message: "Checking TwentyThree again." };
  },
});

// A team e-mail that gave up (SMTP down for long, a bad address): queue it once more.
export const resendMail = formAction({
  name: "resendMail",
  who: "member",
  schema: messageIdSchema,
  read: (f) => ({ messageId: field(f, "messageId") }),
  invalid: unavailable,
  run: async ({ messageId }) => {
    if (!(await resetMail(messageId))) return { ok: false, message: "Only a failed message can be sent again." };
    const { enqueueMail } = await import("@/lib/jobs/queue");
    await enqueueMail(messageId);
    return { ok: true, message: "Queued again." };
  },
});
