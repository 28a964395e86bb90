// The kit's fields as a screen reader meets them: the control is named by its label alone, tied
// to its hint and errors, marked invalid only while it has errors, and required marked visibly.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckboxField, TextField } from "./field";

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe("kit fields", () => {
  it("ties hint and errors to the control and marks it invalid", () => {
    const out = html(createElement(TextField, { label: "Your name", name: "name", hint: "As on your ID", errors: ["Please enter your name"] }));
    expect(out).toContain('<label for="field-name">Your name</label>');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('aria-describedby="field-name-hint field-name-error"');
    expect(out).toMatch(/<div id="field-name-error" aria-live="polite" aria-atomic="true"><p[^>]*>Please enter your name<\/p><\/div>/);
  });

  it("without errors: not invalid, described by the hint only, the error region still present and empty", () => {
    const out = html(createElement(TextField, { label: "Email", name: "email", hint: "We reply here" }));
    expect(out).not.toContain("aria-invalid");
    expect(out).toContain('aria-describedby="field-email-hint"');
    expect(out).toContain('<div id="field-email-error" aria-live="polite" aria-atomic="true"></div>');
  });

  it("required shows a '*' outside the label (hidden from screen readers); markOptional says '(optional)' otherwise", () => {
    const required = html(createElement(TextField, { label: "Title", name: "title", required: true, markOptional: true }));
    expect(required).toContain('<label for="field-title">Title</label><span aria-hidden="true"');
    expect(required).not.toContain("(optional)");
    const optional = html(createElement(TextField, { label: "Title", name: "title", markOptional: true }));
    expect(optional).toMatch(/<label for="field-title">Title<span[^>]*> \(optional\)<\/span><\/label>/);
    expect(html(createElement(TextField, { label: "Title", name: "title" }))).not.toContain("(optional)");
  });

  it("the checkbox carries the same error wiring (the visitor's consent)", () => {
    const out = html(createElement(CheckboxField, { label: "I agree", name: "consent", errors: ["Please tick the box"] }));
    expect(out).toContain('id="field-consent"');
    expect(out).toContain('type="checkbox"');
    expect(out).toContain('aria-invalid="true" aria-describedby="field-consent-error"');
    expect(out).toContain('<label for="field-consent" class="text-sm font-medium text-slate-800">I agree</label>');
  });
});
