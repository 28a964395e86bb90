import { describe, expect, it } from "vitest";
import { consentSha256, withConsent } from "./consent";

describe("consent custom variables", () => {
  it("fills only the consent variables the link declares, with the agreed text and its SHA-256", () => {
    const text = "You may show my video.";
    expect(withConsent({ customer_id: "42", consent_sha256: "" }, text)).toEqual({ customer_id: "42", consent_sha256: consentSha256(text) });
    expect(withConsent({ consent_text: "x", consent_sha256: "y" }, text)).toEqual({ consent_text: text, consent_sha256: consentSha256(text) });
    expect(withConsent({ customer_id: "42" }, text)).toEqual({ customer_id: "42" });
    // No agreement: the variables are sent empty, never the admin's placeholder value.
    expect(withConsent({ consent_text: "placeholder" }, null)).toEqual({ consent_text: "" });
  });

  it("hashes the UTF-8 bytes as PostgreSQL's sha256(convert_to(text, 'UTF8')) does", () => {
    expect(consentSha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(consentSha256("Æble")).toHaveLength(64);
  });
});
