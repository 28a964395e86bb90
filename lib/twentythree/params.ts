// The get-upload-token parameters the client sets itself (protocol §2) plus the envelope's: no
// custom variable may use these names. A module of its own, with no imports, because the link
// form's schema (browser code) checks names against it too (lib/links/reserved.ts).
export const UPLOAD_TOKEN_PARAMS = [
  "format",
  "raw",
  "callback",
  "varname",
  "upload_token",
  "return_url",
  "background_return_p",
  "user_id",
  "album_id",
  "title",
  "description",
  "tags",
  "publish",
  "absolute_url",
  "valid_minutes",
  "max_uploads",
] as const;
