// "English on a page" for the language specs: every sentence of messages/en.json that the other
// language's catalogue says differently (the link's own texts, written by the admin, are not ours).
// One rule for languages.spec.ts and languages-visitor.spec.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { expect } from "@playwright/test";

type Tree = { [k: string]: string | Tree };
export const catalogue = (l: string) => JSON.parse(readFileSync(path.join(process.cwd(), "messages", `${l}.json`), "utf8")) as Tree;
const flatten = (t: Tree, p = ""): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[`${p}${k}`, v] as [string, string]] : flatten(v, `${p}${k}.`)));

/** One message of a catalogue by its dotted key ("visitorRefusals.tooManyTitle"). */
export const message = (l: string, key: string) => new Map(flatten(catalogue(l))).get(key)!;

/** The literal words of a message (plural branches included), without its placeholders. */
function literals(m: string): string[] {
  const out: string[] = [];
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal) out.push(el.value);
      if (el.type === TYPE.tag) walk(el.children);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(m));
  return out.map((s) => s.trim()).filter((s) => s.length >= 12 && s.includes(" "));
}

/** English sentences that the other language writes differently: none may be on its pages. */
export function englishPhrases(locale: string): string[] {
  const other = new Map(flatten(catalogue(locale)));
  return [...new Set(flatten(catalogue("en")).flatMap(([key, en]) => literals(en).filter((phrase) => !(other.get(key) ?? "").includes(phrase))))];
}

export function expectNoEnglish(text: string, locale: string, where: string) {
  const found = englishPhrases(locale).filter((p) => text.includes(p));
  expect(found, `English on ${where}`).toEqual([]);
}
