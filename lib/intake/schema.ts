// Inputs of the public intake actions. The visitor's details themselves are checked per link
// (which fields it asks for) by parseDetails in lib/intake/details.ts.
import { z } from "zod";
import { recordingMetaSchema } from "@/lib/recording/types";

/** A link's address as typed or posted: the shape lookupLink accepts, anything else is unknown. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const slugParam = z.string().regex(SLUG);

/** The details form's fields, each capped so a huge post costs nothing to refuse. */
/** `invite`: the signed personal invitation (issue #17), a hidden field when the page was opened with one. */
export const DETAIL_KEYS = ["name", "email", "title", "description", "consent", "invite"] as const;
const detailValues = z.record(z.string(), z.string().max(10_000)).refine((v) => Object.keys(v).length <= 10);

/** Step one without JavaScript (startUpload). */
export const startUploadSchema = z.object({ slug: slugParam, values: detailValues });

/** With JavaScript (prepareUpload): details plus how many files and how they will be sent. */
export const prepareUploadSchema = z.object({
  slug: z.string().max(64),
  values: detailValues,
  fileCount: z.number().int().min(1).max(100),
  // false only when TwentyThree does not allow cross-origin uploads: the browser then posts a
  // plain form and follows the redirect, so the token must not ask for a background call.
  background: z.boolean(),
  // Issue #15: a recording made on the page, checked against the link (lib/recording/settings.ts);
  // deferDetails: mint before the visitor filled the details, which applyDetails sends later.
  recording: recordingMetaSchema.optional(),
  deferDetails: z.boolean().optional(),
});

/** applyDetails: the ticket of a token minted with deferDetails, and the details form's values. */
export const applyDetailsSchema = z.object({ ticket: z.string().min(1).max(200), values: detailValues });

/** The uploader's status poll: ?ticket=<signed ticket>. */
export const ticketQuerySchema = z.object({ ticket: z.string().min(1).max(200) });

/** A TwentyThree callback's fields, first value of each (receiveCallback verifies them). */
export const callbackFieldsSchema = z.record(z.string(), z.string());
/** A POST refused before its fields were read (wrong type, too large, unreadable) carries its answer. */
export const callbackRefusalSchema = z.instanceof(Response);
