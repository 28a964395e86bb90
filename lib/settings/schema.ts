// The connection form. Secrets are write-only: on edit a blank secret means "keep the stored one".
import { z } from "zod";

const secret = z.string().trim().max(500, "That value is too long.");

export const connectionSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Give the connection a name.").max(100),
  apiUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the site's address, such as https://video.example.com" })),
  consumerKey: z.string().trim().min(1, "Enter the consumer key.").max(500),
  consumerSecret: secret,
  accessToken: secret,
  accessTokenSecret: secret,
});

export type ConnectionInput = z.infer<typeof connectionSchema>;
export const SECRET_FIELDS = ["consumerSecret", "accessToken", "accessTokenSecret"] as const;

/**
 * True when an edit points the connection somewhere else. Stored secrets are only ever sent to
 * the address they were entered for: a new address needs them typed again, so that a borrowed
 * admin session cannot re-point signed calls (and the credentials' signatures) anywhere.
 * Case, a default port and a trailing slash are not a change.
 */
export function apiUrlChanged(stored: string, typed: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u.trim());
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      return u.trim();
    }
  };
  return norm(stored) !== norm(typed);
}

export const SECRETS_AGAIN_MESSAGE = "The API URL changed: enter this again. Stored secrets are only sent to the address they were entered for.";

/** Everything the browser may see of a connection: never the credentials blob or a secret. */
export type ConnectionView = {
  id: string;
  name: string;
  apiUrl: string;
  consumerKey: string;
  isDefault: boolean;
  fromSettings: boolean;
  siteName: string | null;
  permissionLevel: string | null;
  lastCheckStatus: string | null;
  lastCheckedAt: string | null;
};

/** Testing a connection names it by id. */
export const connectionIdSchema = z.object({ id: z.uuid() });
