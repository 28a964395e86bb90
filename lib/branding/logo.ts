// Logo files: the bytes decide the type (file-type sniffs the signature; the browser's claimed
// type and the file name are ignored), only PNG, JPEG and WebP are kept, and SVG is refused
// outright: an SVG is a document that can carry script and external fetches, and the page
// gains nothing from it that a PNG cannot give.
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";

export const LOGO_MAX_BYTES = 200 * 1024;
const ALLOWED = new Set(["image/png", "image/jpeg", "image/webp"]);

export type LogoCheck = { ok: true; contentType: string; hash: string; bytes: Buffer } | { ok: false; message: string };

export async function checkLogo(bytes: Buffer): Promise<LogoCheck> {
  if (bytes.length === 0) return { ok: false, message: "The logo file is empty." };
  if (bytes.length > LOGO_MAX_BYTES) {
    return {
      ok: false,
      message: `The logo is ${Math.ceil(bytes.length / 1024)} KB; logos can be up to ${LOGO_MAX_BYTES / 1024} KB. Export it smaller (a few hundred pixels wide is plenty).`,
    };
  }
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ALLOWED.has(type.mime)) {
    const looksSvg = /^\s*(<\?xml|<svg|<!doctype svg)/i.test(bytes.subarray(0, 200).toString("utf8"));
    return {
      ok: false,
      message: looksSvg
        ? "SVG logos are not accepted (they can carry scripts). Export the logo as PNG, JPEG or WebP."
        : "The logo must be a PNG, JPEG or WebP image.",
    };
  }
  return { ok: true, contentType: type.mime, hash: createHash("sha256").update(bytes).digest("hex"), bytes };
}

export const logoPath = (hash: string) => `/api/brand/logo/${hash}`;
