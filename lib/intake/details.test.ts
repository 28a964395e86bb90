import { describe, expect, it } from "vitest";
import { parseDetails } from "@/lib/intake/details";

const base = { nameField: "REQUIRED", emailField: "REQUIRED", titleField: "OPTIONAL", descriptionField: "OFF", consentText: null } as const;

describe("visitor details", () => {
  it("accepts a form without the fields a link does not ask for (members-only: no name or email)", () => {
    const r = parseDetails({ ...base, titleField: "OFF" }, {}, { member: true });
    expect(r).toEqual({ ok: true, details: { name: undefined, email: undefined, title: undefined, description: undefined, consent: false } });
  });

  it("names each missing required field in plain words", () => {
    const r = parseDetails({ ...base, consentText: "I agree" }, { title: "x" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors).toEqual({
      name: ["Please enter your name"],
      email: ["Please enter your email address"],
      consent: ["Please tick the box to give your consent before uploading"],
    });
  });

  it("ignores values sent for fields the link does not ask for", () => {
    const r = parseDetails(base, { name: "Ada", email: "ada@example.com", description: "<script>" });
    expect(r).toMatchObject({ ok: true, details: { name: "Ada", email: "ada@example.com", description: undefined } });
  });

  it("rejects a malformed email with a message that shows the expected form", () => {
    const r = parseDetails(base, { name: "Ada", email: "not-an-email" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { email: ["Please enter a valid email address, like name@example.com"] } });
  });
});
