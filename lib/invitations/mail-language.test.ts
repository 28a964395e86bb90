// Issue #18: an invitation the admin did not word themselves goes out in the link's language;
// one they wrote goes out as written.
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/messages";
import { invitationText } from "./mail";
import { DEFAULT_INVITE_BODY, DEFAULT_INVITE_SUBJECT } from "./template";

const inv = (subject: string | null, body: string | null) => ({
  id: "x",
  name: "Karen",
  email: "karen@example.com",
  fields: {},
  expiresAt: new Date("2026-12-24T12:00:00Z"),
  link: { slug: "demo", title: "Kundehistorier", inviteSubject: subject, inviteBody: body },
});

async function defaults(language: string) {
  const { t } = await translatorFor(language, "invite");
  return { subject: (v: { name: string; title: string }) => t("subject", v), body: (v: { name: string; title: string; expires: Date }) => t("body", v) };
}

describe("invitation text per language", () => {
  it("uses the Danish default when the admin wrote none or left the English default untouched", async () => {
    for (const [s, b] of [
      [null, null],
      [DEFAULT_INVITE_SUBJECT, DEFAULT_INVITE_BODY],
    ] as const) {
      const text = invitationText(inv(s, b), "https://portal.example/u/demo?i=1", await defaults("da"));
      expect(text.subject).toBe("Karen, vil du dele en kort video med os?");
      expect(text.body).toContain("Dit link virker indtil 24. december 2026.");
      expect(text.body).not.toContain("Your link works");
    }
  });
  it("keeps the admin's own words", async () => {
    const text = invitationText(inv("Hej {{name}}!", "Se {{link}}"), "https://portal.example/u/demo?i=1", await defaults("da"));
    expect(text).toEqual({ subject: "Hej Karen!", body: "Se https://portal.example/u/demo?i=1" });
  });
});
