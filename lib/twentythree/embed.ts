// URLs for an object on TwentyThree. The origin comes from the API URL when we have one (so an
// http://localhost emulator works); a bare domain is assumed to be served over https.

export type Where = { apiUrl: string } | { domain: string };

export function originOf(where: Where | string): string {
  const value = typeof where === "string" ? where : "apiUrl" in where ? where.apiUrl : where.domain;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  return new URL(withScheme).origin;
}

/** `<origin>/v.ihtml/player.html?token=…&source=embed&photo_id=…` */
export function playerUrl(p: Where & { photoId: string; token: string }): string {
  const q = new URLSearchParams({ token: p.token, source: "embed", photo_id: p.photoId });
  return `${originOf(p)}/v.ihtml/player.html?${q.toString()}`;
}

/** `<origin>/<tree_id>/<photo_id>/<token>/<format>`, e.g. format "video_medium" or "original". */
export function fileUrl(p: Where & { treeId: string; photoId: string; token: string; format: string }): string {
  const seg = [p.treeId, p.photoId, p.token, p.format].map(encodeURIComponent).join("/");
  return `${originOf(p)}/${seg}`;
}

/** Where the browser posts the multipart upload form (no signature: the token authorises). */
export function redeemUrl(apiUrl: string): string {
  return `${originOf(apiUrl)}/api/photo/redeem-upload-token`;
}

/** Where a browser posts the file that replaces a video (redeem-replace-token, protocol §7). */
export function redeemReplaceUrl(apiUrl: string): string {
  return `${originOf(apiUrl)}/api/photo/redeem-replace-token`;
}

/** A still from the video at `time` seconds, served by TwentyThree even while it transcodes
 * (`/api/photo/frame`, permission none: the object's token authorises, as in embed URLs). */
export function frameUrl(p: Where & { photoId: string; token: string; time?: number; size?: string }): string {
  const q = new URLSearchParams({ photo_id: p.photoId, token: p.token, time: String(p.time ?? 0), size: p.size ?? "200x150" });
  return `${originOf(p)}/api/photo/frame?${q.toString()}`;
}
