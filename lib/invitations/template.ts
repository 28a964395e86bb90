// The invitation e-mail's text: the admin's subject and body with {{name}}-style placeholders,
// filled per invitee. Pure and client-safe, so the admin's editor previews exactly what is sent.
export const DEFAULT_INVITE_SUBJECT = "{{name}}, would you share a short video with us?";
export const DEFAULT_INVITE_BODY = `Hi {{name}},

We would love to hear from you in a short video for "{{title}}". It only takes a few minutes: open your personal link below, record or upload your video, and you are done.

Your link works until {{expires}}.

Thank you!`;

/** Placeholders every invitation has; CSV columns beyond name and email add their own. */
export const BUILT_IN_PLACEHOLDERS = ["name", "email", "title", "link", "expires"] as const;

export type TemplateValues = Record<string, string>;

/** Replace `{{key}}` (spaces allowed, case-insensitive); unknown keys become empty, never the raw braces. */
export function fillTemplate(text: string, values: TemplateValues): string {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return text.replace(/\{\{\s*([a-zA-Z0-9_-]{1,40})\s*\}\}/g, (_m, k: string) => lower[k.toLowerCase()] ?? "");
}

/** Placeholders in a text that neither the built-in ones nor the given columns fill (a typo like {{nmae}}). */
export function unknownPlaceholders(text: string, columns: string[] = []): string[] {
  const known = new Set([...BUILT_IN_PLACEHOLDERS, ...columns.map((c) => c.toLowerCase())]);
  const found = [...text.matchAll(/\{\{\s*([a-zA-Z0-9_-]{1,40})\s*\}\}/g)].map((m) => m[1]!.toLowerCase());
  return [...new Set(found.filter((k) => !known.has(k)))];
}

export function formatExpiry(d: Date): string {
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
