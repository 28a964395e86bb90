// Intake link rules, shared by the admin forms and the public intake page (field modes).
import { z } from "zod";
import { contributorLinkInput, contributorLinkSchema } from "@/lib/contributor/link-schema";
import { languageLinkInput, languageLinkSchema } from "@/lib/i18n/link-schema";
import { recordingLinkDefault, recordingFormInput, recordingLinkSchema, type RecordingFormDefaults } from "./recording-schema";
import { isReservedVariable } from "./reserved";

export const FIELD_MODES = ["OFF", "OPTIONAL", "REQUIRED"] as const;
export type FieldModeValue = (typeof FIELD_MODES)[number];
export const fieldModeSchema = z.enum(FIELD_MODES);
export const CONTACT_FIELDS = ["nameField", "emailField", "titleField", "descriptionField"] as const;

/** Words that are, or may become, routes or would confuse visitors. */
export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "auth",
  "login",
  "logout",
  "signin",
  "signout",
  "setup",
  "new",
  "edit",
  "settings",
  "members",
  "links",
  "uploads",
  "upload",
  "u",
  "static",
  "public",
  "assets",
  "health",
  "callback",
  "www",
]);

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(64, "Use at most 64 characters.")
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens (not at the start or end).")
  .refine((s) => !RESERVED_SLUGS.has(s), "That word is reserved; choose another slug.");

/** A readable slug suggestion from a title ("Share your story!" → "share-your-story"). */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
}

const optionalInt = (min: number, max: number, label: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : v),
    z.coerce
      .number({ error: `${label} must be a number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`)
      .optional(),
  );

export const VARIABLE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export const linkSchema = z.object({
  slug: slugSchema,
  title: z.string().trim().min(1, "Give the link a title.").max(200, "Use at most 200 characters."),
  instructions: z.string().trim().max(5000, "Use at most 5000 characters."),
  connectionId: z.uuid({ error: "Choose a connection." }),
  nameField: fieldModeSchema,
  emailField: fieldModeSchema,
  titleField: fieldModeSchema,
  descriptionField: fieldModeSchema,
  consentText: z
    .string()
    .trim()
    .max(2000, "Use at most 2000 characters.")
    .transform((v) => (v === "" ? null : v)),
  albumIds: z.array(z.string().regex(/^\d{1,20}$/, "Album ids are numbers.")).max(50),
  tags: z.array(z.string().trim().min(1).max(50, "Tags are at most 50 characters each.")).max(20, "Use at most 20 tags."),
  publish: z.boolean(),
  customVariables: z
    .array(z.object({ key: z.string().trim(), value: z.string().trim().max(500, "Values are at most 500 characters.") }))
    .max(20, "Use at most 20 custom variables.")
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      for (const { key } of rows) {
        if (!VARIABLE_KEY.test(key))
          ctx.addIssue({ code: "custom", message: `“${key}” is not a valid name: start with a letter; letters, digits, underscores.` });
        else if (isReservedVariable(key))
          ctx.addIssue({
            code: "custom",
            message: `“${key}” is reserved for the upload itself (TwentyThree or this portal uses that name); choose another name.`,
          });
        else if (seen.has(key)) ctx.addIssue({ code: "custom", message: `“${key}” appears twice.` });
        seen.add(key);
      }
    })
    .transform((rows) => Object.fromEntries(rows.map((r) => [r.key, r.value])) as Record<string, string>),
  validMinutes: z.coerce.number({ error: "Enter minutes." }).int().min(5, "At least 5 minutes.").max(10080, "At most 7 days (10080 minutes)."),
  maxUploads: z.coerce.number({ error: "Enter a number." }).int().min(1, "At least 1.").max(100, "At most 100."),
  maxFileMegabytes: optionalInt(1, 1_000_000, "Maximum file size"),
  maxDurationSeconds: optionalInt(1, 86_400, "Maximum duration"),
  uploadQuota: optionalInt(1, 1_000_000, "Upload quota"),
  membersOnly: z.boolean(),
  /** Who is e-mailed about this link's uploads (issue #16): members' or anyone's addresses. */
  notifyEmails: z
    .array(z.email({ error: (i) => `“${String(i.input).slice(0, 80)}” is not an e-mail address.` }))
    .max(50, "Use at most 50 addresses.")
    .default([]),
  notifyMode: z.enum(["EACH", "DIGEST", "OFF"], { error: "Choose when to send e-mail." }).default("EACH"),
  notifyReady: z.boolean().default(true),
  ...contributorLinkSchema.shape,
  ...languageLinkSchema.shape,
  active: z.boolean(),
  expiresAt: z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), z.coerce.date({ error: "Enter a valid date and time." }).nullable()),
  recording: recordingLinkSchema.default(recordingLinkDefault),
});

export type LinkInput = z.output<typeof linkSchema>;

/** Read the link form's FormData into the shape linkSchema expects. */
export function linkFormInput(f: FormData): Record<string, unknown> {
  const s = (k: string) => String(f.get(k) ?? "");
  const keys = f.getAll("varKey").map(String);
  const vals = f.getAll("varValue").map(String);
  return {
    slug: s("slug"),
    title: s("title"),
    instructions: s("instructions"),
    connectionId: s("connectionId"),
    nameField: s("nameField"),
    emailField: s("emailField"),
    titleField: s("titleField"),
    descriptionField: s("descriptionField"),
    consentText: s("consentText"),
    albumIds: [...new Set(f.getAll("albumIds").map(String))],
    tags: [
      ...new Set(
        s("tags")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    publish: f.get("publish") === "on",
    customVariables: keys.map((key, i) => ({ key: key.trim(), value: vals[i] ?? "" })).filter((r) => r.key !== "" || r.value.trim() !== ""),
    validMinutes: s("validMinutes"),
    maxUploads: s("maxUploads"),
    maxFileMegabytes: s("maxFileMegabytes"),
    maxDurationSeconds: s("maxDurationSeconds"),
    uploadQuota: s("uploadQuota"),
    membersOnly: f.get("membersOnly") === "on",
    // Members ticked in the form and addresses typed: one list of recipients.
    notifyEmails: [
      ...new Set([...f.getAll("notifyMembers").map(String), ...s("notifyEmails").split(/[\s,;]+/)].map((t) => t.trim().toLowerCase()).filter(Boolean)),
    ],
    notifyMode: s("notifyMode") || undefined,
    notifyReady: f.get("notifyReady") === "on",
    ...contributorLinkInput(f),
    ...languageLinkInput(f),
    active: f.get("active") === "on",
    expiresAt: s("expiresAt"),
    recording: recordingFormInput(f),
  };
}

/** The link form's starting values (a new link's defaults, or an existing link's fields). */
export type LinkFormDefaults = {
  id?: string;
  text: Record<string, string>;
  flags: { publish: boolean; membersOnly: boolean; active: boolean; notifyReady: boolean };
  albumIds: string[];
  customVariables: { key: string; value: string }[];
  recording?: RecordingFormDefaults;
};

/** Actions on one existing link name it by id. */
export const linkIdSchema = z.object({ id: z.uuid() });
export const updateLinkSchema = linkSchema.extend({ id: z.uuid() });
export const setLinkActiveSchema = z.object({ id: z.uuid(), active: z.boolean() });
/** A link id from a URL segment (malformed ids are simply not found). */
export const linkIdParamSchema = z.object({ id: z.string() });
