// The intake actions' answers keep each visitor's language although their translators are made
// once per language and kept (issue #20): visitors of different languages, one after the other,
// each read their own.
import { describe, expect, it } from "vitest";
import da from "@/messages/da.json";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { visitorWords, type VisitorWords } from "./words";

describe("visitorWords", () => {
  it("answers each press in its own language when languages alternate", async () => {
    const order = ["de", "en", "da", "de", "en"] as const;
    const answers: VisitorWords[] = [];
    for (const lang of order) answers.push(await visitorWords(lang));
    const catalogue = { de, en, da };
    order.forEach((lang, i) => {
      expect(answers[i]!.locale).toBe(lang);
      expect(answers[i]!.t("checkFields")).toBe(catalogue[lang].refusals.checkFields);
      expect(answers[i]!.closed("expired")).toBe(`${catalogue[lang].closed.expiredTitle}.`);
    });
    // Values are filled in per call, not kept from an earlier one.
    const wait = (await visitorWords("de")).mint({ code: "tooMany", retryAfterSeconds: 180 });
    expect(wait).toContain("3");
    expect((await visitorWords("de")).mint({ code: "tooMany", retryAfterSeconds: 600 })).toContain("10");
    expect(wait).not.toBe((await visitorWords("en")).mint({ code: "tooMany", retryAfterSeconds: 180 }));
  });
});
