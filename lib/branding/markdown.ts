// Welcome and thank-you texts: a Markdown subset (paragraphs, bold, italic, lists, links) turned
// into HTML by marked and then cut down by sanitize-html to exactly that subset, so an admin's
// text (or a stolen admin session) can never put script, styles, images or forms on the public page.
import "server-only";
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href", "target", "rel"] },
  allowedSchemes: ["https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Links open outside the page (it may be embedded) and pass no referrer or opener.
  transformTags: { a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }) },
};

export function renderBrandText(markdown: string | null | undefined): string {
  if (!markdown?.trim()) return "";
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, OPTIONS).trim();
}
