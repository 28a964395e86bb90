// zod schemas for the legacy API's answers. Legacy values are strings ("1", "180",
// "1266713254"); the real service may also send numbers or booleans, add fields, or omit
// optional ones, so every field is coerced and every object is loose.
import { z } from "zod";

// `.optional()` (not just z.undefined() in the union) so zod v4 treats a missing key as allowed.
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

/** Any scalar as a string; null/undefined → "". */
export const str = scalar.transform((v) => (v === null || v === undefined ? "" : String(v)));

/** Numeric string or number → number; "", null, undefined → null. */
export const numOrNull = scalar.transform((v, ctx) => {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number(v.trim());
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `not a number: ${JSON.stringify(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return n;
});

const TRUE = new Set(["1", "true", "t", "yes", "y", "on"]);
const FALSE = new Set(["0", "false", "f", "no", "n", "off", ""]);
/** "1"/"0", 1/0, true/false, "t"/"f", "yes"/"no" → boolean; null/undefined → `missing`. */
const boolWithDefault = (missing: boolean) =>
  scalar.transform((v, ctx) => {
    if (v === null || v === undefined) return missing;
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    ctx.addIssue({ code: "custom", message: `not a boolean: ${JSON.stringify(v).slice(0, 40)}` });
    return z.NEVER;
  });
export const bool = boolWithDefault(false);

/** Space- (or comma-) separated tag string, or an array of tags → string[]. */
export const tagList = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.number(), z.boolean(), z.null()])
  .optional()
  .transform((v) =>
    Array.isArray(v)
      ? v.map(String).filter(Boolean)
      : v === null || v === undefined || typeof v === "boolean"
        ? []
        : String(v)
            .split(/[\s,]+/)
            .filter(Boolean),
  );

export const uploadTokenSchema = z.looseObject({
  upload_token: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  valid_minutes: numOrNull,
  valid_until: numOrNull,
  max_uploads: numOrNull,
  title: str,
  description: str,
  tags: tagList,
  publish: boolWithDefault(true), // service default is 1
  album_id: str,
  return_url: str,
  user_id: str,
});

/** get-replace-token's `replacetoken` object (protocol §7). */
export const replaceTokenSchema = z.looseObject({
  replace_token: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  photo_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  valid_minutes: numOrNull,
  valid_until: numOrNull,
  max_uploads: numOrNull,
});

export const photoSchema = z.looseObject({
  photo_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  token: str,
  tree_id: str,
  title: str,
  content: str,
  tags: tagList,
  published_p: bool,
  album_id: str,
  one: str,
  video_p: bool,
  video_length: numOrNull,
  /** 0 while transcoding (protocol §7); missing on services that do not send it = done. */
  video_encoded_p: boolWithDefault(true),
  original_size: numOrNull,
  small_download: str.optional(),
  original_download: str.optional(),
  absolute_url: str.optional(),
  publish_date_ansi: str.optional(),
  creation_date_ansi: str.optional(),
});

export const photoListSchema = z.looseObject({
  photos: z
    .array(photoSchema)
    .nullish()
    .transform((v) => v ?? []),
  total_count: numOrNull,
  p: numOrNull,
  size: numOrNull,
});

export const albumSchema = z.looseObject({
  album_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  title: str,
});

export const albumListSchema = z.looseObject({
  albums: z
    .array(albumSchema)
    .nullish()
    .transform((v) => v ?? []),
  total_count: numOrNull,
  p: numOrNull,
  size: numOrNull,
});

export const siteSchema = z.looseObject({
  domain: str,
  site_id: str,
  site_name: str,
});

export const permissionLevelSchema = z
  .string()
  .nullish()
  .transform((v) => (v ?? "").trim().toLowerCase());

/** get-transcoding-progress: `progress` {<format>: "0".."1", all}. */
export const transcodingProgressSchema = z.looseObject({
  progress: z.looseObject({ all: numOrNull }),
});
