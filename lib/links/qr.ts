import "server-only";
import QRCode from "qrcode";
import { env } from "@/lib/env";

export const publicUrlFor = (slug: string) => `${env().appUrl}/u/${slug}`;

/** The QR code for a public link as an SVG document (rendered on the server; no script). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#0f172a", light: "#ffffff" } });
}
