// Fails when a visitor-facing component writes English itself instead of through the
// catalogue: JSX text, the text of visible attributes, and string literals placed in JSX.
// The TypeScript parser reads the files (not a regex), so comments and class names never count.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOTS = [
  "app/u",
  "app/c",
  "app/invite",
  "app/error.tsx",
  "app/not-found.tsx",
  "components/public",
  "components/uploader",
  "components/recorder",
  "components/contributor",
];
/** Words that are the same in every language: names, not sentences. */
const ALLOWED = new Set(["TwentyThree", "Chrome", "Edge", "Firefox", "Safari", "SHA-256"]);
/** Attributes a visitor reads or hears. */
const VISIBLE_ATTRS = new Set(["label", "title", "alt", "aria-label", "placeholder", "hint", "pendingText", "valueText", "legend"]);
/** Components not yet moved to the catalogue (issue #18 follow-up): each is listed by file. */
export const NOT_YET: string[] = [];
/** Staff-only parts kept beside the contributor's: the admin stays English. */
const ADMIN_ONLY = ["admin-cards.tsx", "override-form.tsx", "revoke-receipt.tsx", "link-fields.tsx", "withdrawn-badge.tsx"].map(
  (f) => `components/contributor/${f}`,
);

function files(root: string): string[] {
  const full = path.join(process.cwd(), root);
  if (statSync(full).isFile()) return [root];
  return readdirSync(full, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(root, d.name)) : d.name.endsWith(".tsx") && !d.name.includes(".test.") ? [path.join(root, d.name)] : [],
  );
}

const words = (s: string) => s.replace(/\{[^}]*\}/g, " ").replace(/^[\s·]+|[\s·]+$/g, "");
const isProse = (s: string) => {
  const w = words(s);
  return /[A-Za-z]{2,}/.test(w) && !ALLOWED.has(w);
};

export function hardCoded(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (n: ts.Node, text: string) => found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${JSON.stringify(text.trim())}`);
  const literalText = (n: ts.Node): string | null =>
    ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
      ? n.text
      : ts.isTemplateExpression(n)
        ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" ")
        : null;
  /** Is this literal what gets shown: the whole {…}, a branch of a condition, or a fallback (a || "…")? */
  const shown = (n: ts.Node): boolean => {
    const p = n.parent;
    if (ts.isParenthesizedExpression(p)) return shown(p);
    if (ts.isJsxExpression(p)) return true;
    if (ts.isConditionalExpression(p)) return (p.whenTrue === n || p.whenFalse === n) && shown(p);
    if (ts.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      return (
        p.right === n &&
        (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) &&
        shown(p)
      );
    }
    return false;
  };
  const visit = (n: ts.Node, inJsx: boolean): void => {
    if (ts.isJsxText(n) && isProse(n.text)) at(n, n.text);
    if (ts.isJsxAttribute(n)) {
      // Only the attributes a visitor reads or hears; class names, ids and values are not prose.
      if (!n.initializer || !VISIBLE_ATTRS.has(n.name.getText(sf))) return;
      const t = literalText(n.initializer);
      if (t !== null && isProse(t)) at(n, t);
      if (ts.isJsxExpression(n.initializer)) ts.forEachChild(n.initializer, (c) => visit(c, true));
      return;
    }
    if (inJsx) {
      const t = literalText(n);
      if (t !== null && isProse(t) && shown(n)) at(n, t);
    }
    // A call's own arguments are keys and classes (t("key"), cn(…)), not prose; JSX inside them
    // (a .map() callback's elements) is still read.
    if (ts.isCallExpression(n)) {
      ts.forEachChild(n, (c) => visit(c, false));
      return;
    }
    ts.forEachChild(n, (c) => visit(c, inJsx || ts.isJsxExpression(n) || ts.isJsxElement(n)));
  };
  visit(sf, false);
  return found;
}

describe("visitor-facing components", () => {
  it("write no English of their own: every sentence comes from the catalogue", () => {
    const all = ROOTS.flatMap(files).filter((f) => !NOT_YET.includes(f) && !ADMIN_ONLY.includes(f));
    expect(all.length).toBeGreaterThan(20);
    const found = all.flatMap((f) => hardCoded(f, readFileSync(path.join(process.cwd(), f), "utf8")));
    expect(found).toEqual([]);
  });

  it("finds JSX text, visible attributes and shown literals (the scan itself works)", () => {
    const src = `const A = () => <p title="Hello there" className="text-sm">Hi friend {ok ? "Yes sir" : t("x")}<b>{t("y")}{phase === "ready" ? null : t("z")}</b>{xs.map((x) => <i key={x}>Per item</i>)}</p>;`;
    expect(
      hardCoded("x.tsx", src)
        .map((s) => s.split(" ").slice(1).join(" "))
        .sort(),
    ).toEqual(['"Hello there"', '"Hi friend"', '"Per item"', '"Yes sir"']);
  });
});
