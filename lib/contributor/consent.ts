// Consent versions (issue #17). The versions themselves are made by the database: a trigger on
// intake_links adds one whenever the consent text changes and the mint asks
// consent_version_for() for the version a visitor agreed to, so no code path can rewrite an old
// agreement. This module holds what TypeScript needs around them.
import { createHash } from "node:crypto";

/** The SHA-256 the database stores for a text (hex of its UTF-8 bytes). */
export const consentSha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Custom variables an admin declares on a link (the site must have them) that the portal fills
 * with the agreed consent, so the object on TwentyThree carries it too. */
export const CONSENT_VARIABLES = { text: "consent_text", sha256: "consent_sha256" } as const;

/** The link's custom variables with the consent ones filled in (only those the link declares). */
export function withConsent(vars: Record<string, string>, consentText: string | null): Record<string, string> {
  const out = { ...vars };
  const hasText = CONSENT_VARIABLES.text in out;
  const hasHash = CONSENT_VARIABLES.sha256 in out;
  if (hasText) out[CONSENT_VARIABLES.text] = consentText ?? "";
  if (hasHash) out[CONSENT_VARIABLES.sha256] = consentText ? consentSha256(consentText) : "";
  return out;
}

/** How a version is named to people: "version 2 · sha256 3f9a…c01d". */
export function describeVersion(v: { version: number; sha256: string }): string {
  return `version ${v.version} · sha256 ${v.sha256.slice(0, 12)}…`;
}
