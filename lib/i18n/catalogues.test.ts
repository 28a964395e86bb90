// Every language has exactly English's keys, each message parses as ICU, and uses the same
// placeholders and tags (a translator who drops {name} or renames <b> breaks the page).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { locales } from "./locales";

const dir = path.join(process.cwd(), "messages");
type Tree = { [k: string]: string | Tree };
const load = (l: string) => JSON.parse(readFileSync(path.join(dir, `${l}.json`), "utf8")) as Tree;

function flatten(t: Tree, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === "string") out[`${prefix}${k}`] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

/** The argument names and tag names a message uses, sorted (plural branches included). */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        walk(el.children);
        continue;
      }
      found.add(`${el.value}:${el.type}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const en = flatten(load("en"));

describe("message catalogues", () => {
  it("has one catalogue per supported language and no other", () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""));
    expect(files.sort()).toEqual([...locales].sort());
  });

  for (const locale of locales) {
    describe(locale, () => {
      const cat = flatten(load(locale));
      it("has exactly the English keys", () => {
        expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      });
      it("uses the same placeholders and tags as English in every message", () => {
        for (const [key, message] of Object.entries(cat)) {
          expect(message.trim(), `${locale} ${key} is empty`).not.toBe("");
          expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(en[key] ?? ""));
        }
      });
    });
  }

  it("catches a dropped placeholder (the check itself works)", () => {
    expect(placeholders("Hello {name}")).not.toEqual(placeholders("Hallo"));
    expect(placeholders("{count, plural, one {# file} other {# files}}")).toEqual([`count:${TYPE.plural}`]);
  });
});
