// TwentyThree's answer to a redeem with background_return_p=1 (protocol §3): plain text
// `ok <domain> <tree_id> <photo_id> <token> <callback_url>` or `error <error_message>`.
export type RedeemAnswer = { kind: "ok"; domain: string; treeId: string; photoId: string } | { kind: "error"; message: string } | { kind: "unknown" };

export function parseRedeemAnswer(text: string): RedeemAnswer {
  const line = text.trim().split(/\r?\n/)[0] ?? "";
  if (line.startsWith("error")) return { kind: "error", message: line.slice(5).trim() }; // empty: the uploader words it
  const [word, domain, treeId, photoId] = line.split(/\s+/);
  // The object's own token and the callback URL follow; the page has no use for them.
  if (word === "ok" && domain && treeId && /^\d+$/.test(treeId) && photoId && /^\d+$/.test(photoId)) return { kind: "ok", domain, treeId, photoId };
  return { kind: "unknown" };
}
