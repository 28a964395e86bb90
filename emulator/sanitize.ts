import sanitizeHtml from "sanitize-html";

const SAFE_TAGS = ["a", "b", "strong", "i", "em", "u", "p", "br", "ul", "ol", "li", "blockquote"];

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Titles are plain text: every tag goes, entities are decoded back to characters. */
export function cleanTitle(s: string): string {
  return decodeEntities(sanitizeHtml(s, { allowedTags: [], allowedAttributes: {} })).trim();
}

/** Safe tags survive; a single disallowed tag anywhere means all HTML is stripped (seed page rule). */
export function cleanDescription(s: string): string {
  const names = [...s.matchAll(/<\s*\/?\s*([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
  const hasOther = /<!--|<!|<\?/.test(s);
  if (hasOther || names.some((n) => !SAFE_TAGS.includes(n))) return sanitizeHtml(s, { allowedTags: [], allowedAttributes: {} }).trim();
  return sanitizeHtml(s, {
    allowedTags: SAFE_TAGS,
    allowedAttributes: { a: ["href", "title"] },
    allowedSchemes: ["http", "https", "mailto"],
  }).trim();
}
