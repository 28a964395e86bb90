// One nodemailer transport per process, from SMTP_URL (npm start points it at its mail catcher
// when no SMTP server is configured). Sending is done by the mail job only.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let cached: { url: string; t: Transporter } | undefined;

export function mailTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) cached = { url, t: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  return cached.t;
}

/** The server's words without credentials (an SMTP URL may carry a password). */
export function describeMailError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const msg = (e.message ?? String(err)).replace(/\/\/[^@\s/]+@/g, "//***@").slice(0, 300);
  return [e.code, e.responseCode, msg].filter(Boolean).join(" ");
}
