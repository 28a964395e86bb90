import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvField, csvRow } from "@/lib/uploads/csv";
import { parseCsv } from "@/lib/uploads/csv-reader";

describe("csvField", () => {
  it("leaves plain values alone and empties null/undefined", () => {
    expect(csvField("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvField(42)).toBe("42");
    expect(csvField(12345678901234567890n)).toBe("12345678901234567890");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(new Date("2026-11-27T10:00:00.000Z"))).toBe("2026-11-27T10:00:00.000Z");
  });

  it("quotes commas, quotes and line breaks (RFC 4180), doubling inner quotes", () => {
    expect(csvField("Lovelace, Ada")).toBe('"Lovelace, Ada"');
    expect(csvField('She said "hi"')).toBe('"She said ""hi"""');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("cr\r\nlf")).toBe('"cr\r\nlf"');
  });

  it("neutralises values a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("\rcmd")).toBe('"\'\rcmd"');
    expect(csvField("a=b")).toBe("a=b"); // only a leading character matters
  });

  it("round-trips any text through a strict RFC 4180 reader (neutralised values keep their text after the ')", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom("=1+1", ",", '"', "\r\n", "\n", "-", "@x", "\t")), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const text = rows.map(csvRow).join("");
          const back = parseCsv(text);
          expect(back).toHaveLength(rows.length);
          back.forEach((rec, i) => {
            const expected = rows[i]!.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v));
            expect(rec).toEqual(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
