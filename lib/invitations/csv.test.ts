import { describe, expect, it } from "vitest";
import { MAX_INVITEES, parseInvitees } from "./csv";
import { fillTemplate, unknownPlaceholders } from "./template";

describe("parseInvitees", () => {
  it("reads quoted names with commas, a BOM, CRLF and a header's extra columns", () => {
    const r = parseInvitees('\uFEFFName,E-mail,Company\r\n"Lee, Ann",ANN@Example.com,"ACME, Inc."\r\n');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ line: 2, name: "Lee, Ann", email: "ann@example.com", fields: { company: "ACME, Inc." } }]);
    expect(r.columns).toEqual(["company"]);
  });

  it("without a header takes name,email and names the lines that need fixing", () => {
    const r = parseInvitees("Ann,ann@example.com\nBo\nCy,cy@example.com,extra\nDee,ann@example.com\n");
    expect(r.rows.map((x) => x.email)).toEqual(["ann@example.com"]);
    expect(r.errors).toEqual([
      { line: 2, message: "The e-mail address of Bo is missing." },
      { line: 3, message: "Extra columns need a header row naming them (name,email,company…)." },
      { line: 4, message: "ann@example.com is already on line 1." },
    ]);
  });

  it("refuses an unreadable file, an empty list, a column that cannot be a placeholder, and a list too long", () => {
    expect(parseInvitees('Ann,"ann@example.com\n').errors[0]?.message).toMatch(/not a readable CSV list/);
    expect(parseInvitees("name,email\n").errors).toEqual([{ line: 0, message: "The list has nobody in it." }]);
    expect(parseInvitees("name,email,{{x}}\nA,a@example.com,1").errors[0]?.message).toMatch(/column name/);
    const long = Array.from({ length: MAX_INVITEES + 1 }, (_, i) => `P${i},p${i}@example.com`).join("\n");
    expect(parseInvitees(long).errors).toContainEqual({ line: 0, message: `At most ${MAX_INVITEES} people per import; this list has ${MAX_INVITEES + 1}.` });
  });
});

describe("fillTemplate", () => {
  it("fills placeholders case- and space-insensitively, empties unknown ones, and never expands what a value contains", () => {
    expect(fillTemplate("Hi {{ Name }}, {{company}}{{nope}}!", { name: "{{link}}", company: "ACME", link: "SECRET" })).toBe("Hi {{link}}, ACME!");
    expect(unknownPlaceholders("{{name}} {{nmae}} {{company}}", ["company"])).toEqual(["nmae"]);
  });
});
