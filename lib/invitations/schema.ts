// Inputs of the invitation actions and routes (client-safe zod).
import { z } from "zod";
import { MAX_CSV_CHARS } from "./csv-limits";

const id = z.uuid("Unknown invitation.");

/** The link's invitation e-mail and reminder settings. */
export const templateSchema = z.object({
  linkId: z.uuid("Unknown link."),
  inviteSubject: z.string().trim().min(1, "Please write a subject.").max(250, "The subject can be at most 250 characters."),
  inviteBody: z.string().trim().min(1, "Please write the message.").max(5000, "The message can be at most 5000 characters."),
  inviteValidDays: z.coerce
    .number({ error: "Days must be a whole number." })
    .int("Days must be a whole number.")
    .min(1, "At least 1 day.")
    .max(365, "At most 365 days."),
  reminderCount: z.coerce
    .number({ error: "Reminders must be a whole number." })
    .int("Reminders must be a whole number.")
    .min(0, "0 turns reminders off.")
    .max(5, "At most 5 reminders."),
  reminderIntervalHours: z.coerce
    .number({ error: "Hours must be a whole number." })
    .int("Hours must be a whole number.")
    .min(1, "At least 1 hour.")
    .max(30 * 24, "At most 720 hours (30 days)."),
});

/** Invite people: a CSV list (pasted or from a file) or one name and address; check first, then send. */
export const inviteSchema = z.object({
  linkId: z.uuid("Unknown link."),
  intent: z.enum(["check", "send"]),
  csv: z.string().max(MAX_CSV_CHARS, `The list is too long (at most ${MAX_CSV_CHARS} characters).`),
});

export const invitationRowSchema = z.object({ linkId: z.uuid("Unknown link."), invitationId: id });

/** ?t=<signed unsubscribe token> */
export const unsubscribeSchema = z.object({ token: z.string().min(1, "This unsubscribe link is incomplete.").max(200, "This unsubscribe link is not valid.") });

export const funnelQuerySchema = z.object({ linkId: z.uuid("Unknown link.") });
