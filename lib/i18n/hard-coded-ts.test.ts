// Fails when visitor-facing server or browser code (.ts, not JSX: refusals, notes, pages the proxy
// writes, screen-reader announcements) words a sentence in English instead of taking it from the
// catalogue. hard-coded.test.ts covers the .tsx components; this reads the .ts sources beside them.
// The TypeScript parser finds the literals, so comments never count; log lines are skipped by call.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// lib/branding is not scanned: its sentences answer the admin's branding form (the visitor only
// reads the texts the admin wrote there).
const ROOTS = [
  "lib/intake",
  "lib/contributor",
  "lib/invitations",
  "lib/recording",
  "lib/security/gate.ts",
  "lib/security/closed-page.ts",
  "proxy.ts",
  "components/uploader",
  "components/recorder",
  "components/contributor",
  "app/u",
  "app/c",
  "app/invite",
];

/** Whole files only staff (or TwentyThree, or the log) ever read: the admin stays English. */
const STAFF_ONLY = new Set([
  "lib/contributor/admin.ts", // staff's revoke and override
  "lib/contributor/digest.ts", // the team's digest
  "lib/invitations/actions.ts", // the admin's invitation forms; its one visitor action (unsubscribe) is worded by unsubscribe-form.tsx
  "lib/invitations/csv.ts", // the admin's CSV import
  "lib/invitations/sending.ts", // the admin's sending and resending
  "lib/intake/callback.ts", // reasons written to the callback audit, read by staff
  "lib/intake/ownership.ts", // the disowning reason on the admin's upload page
  "lib/intake/verify.ts",
  "lib/recording/chapters.ts", // a job's failure, shown to staff
  "lib/contributor/replace-confirm.ts", // the re-check job: its outcome is the admin's history and the log; the contributor's page words the status
  "components/uploader/words.ts", // the English defaults of the pure functions' unit tests, read like messages/en.json
]);

/**
 * Single sentences that may stay English, each with why: staff-only parts of shared files, and the
 * answer to a forged request (a schema a real page never fails). Matched by the sentence's start.
 */
const ALLOWED: Record<string, string[]> = {
  "lib/contributor/actions.ts": ["That action is not available.", "The contributor's private link no longer works.", "That link was already revoked."],
  "lib/contributor/schema.ts": ["Say why you publish"], // the admin's override
  "lib/contributor/replace.ts": ["state does not match", "replace_token does not", "photo_id is not", "domain is not", "consent was withdrawn"], // audit reasons, the admin's history
  "lib/contributor/withdraw.ts": ["The video library could not be reached.", "The video was deleted", "The video was unpublished"], // the admin's history
  "lib/intake/actions.ts": ["Something went wrong while preparing", "The details of this upload"], // forged input (sync answer)
  "lib/intake/mint.ts": ["This upload link", "The video platform", "Something went wrong"], // the log's English; the visitor gets words.mint(code)
  "lib/intake/links.ts": ["This upload link", "Check the address", "The team behind", "It was only open", "Thank you for your"], // a forged form's answer; pages and the gate use the "closed" namespace
  "lib/invitations/schema.ts": [
    "Please write",
    "The subject",
    "The message",
    "Days must",
    "Reminders must",
    "Hours must",
    "The list is",
    "This unsubscribe link",
  ], // the admin's form; the unsubscribe form words its refusal itself
  "lib/intake/request.ts": ["Too many uploads were started"], // MintFailure.message, the log's; the visitor gets words.mint("tooMany")
  "lib/intake/callback-claim.ts": ["timeout waiting for a turn"], // an Error for the log (receive.ts); the visitor gets the database-down page in words
  "lib/invitations/template.ts": ["{{name}}", "Hi {{name}}"], // the admin's default; untranslated defaults go out in the link's language (mail.ts)
  "components/uploader/client/chunk-plan.ts": ["chunk and file sizes"], // a programming error
  "components/uploader/embed-events.ts": ["The upload failed."], // the host page's developer reads it in upload:failed, not the visitor
  // Causes kept in an Error's message for the console; the visitor reads the failure's code in words (upload-file.ts failureText).
  "components/uploader/client/xhr.ts": ["The connection to the video library failed", "The video library took too long"],
  "components/uploader/client/retry.ts": ["The upload was cancelled"], // an AbortError: the batch shows "cancelled" in words
  "components/uploader/client/chunked.ts": ["The upload token was refused", "Chunk "],
};

const FUNCTION_WORDS = /\b(the|a|an|is|are|was|this|that|your|you|of|to|be|can|cannot|not|no|please|for|with|on|in|it|its|could|again|here|try|has)\b/i;
/** An English sentence: three words or more, one of them a small English word, not SQL. */
export function looksEnglish(text: string): boolean {
  // Markup's tags and style sheets are not sentences; the text between tags still counts.
  const prose = text.replace(/<style[\s\S]*?<\/style>/g, " ").replace(/<[^>]*>/g, " ");
  const words = prose.replace(/\{[^}]*\}/g, " ").match(/[A-Za-z][A-Za-z']*/g) ?? [];
  return words.length >= 3 && FUNCTION_WORDS.test(prose) && !/\b(SELECT|UPDATE|INSERT|WHERE|FROM)\b/.test(prose);
}

function files(root: string): string[] {
  const full = path.join(process.cwd(), root);
  if (statSync(full).isFile()) return [root];
  return readdirSync(full, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(root, d.name)) : /\.ts$/.test(d.name) && !d.name.includes(".test.") ? [path.join(root, d.name)] : [],
  );
}

/** A log line or an import: its text is for the operator or the module system, never the visitor. */
function notForVisitor(n: ts.Node): boolean {
  const p = n.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isImportTypeNode(p.parent ?? p) || ts.isExternalModuleReference(p)) return true;
  if (ts.isCallExpression(p) && p.arguments[0] === n) {
    const callee = p.expression.getText();
    return /^(log|console)\.\w+$/.test(callee) || callee === "import" || callee === "require";
  }
  return false;
}

export function englishIn(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const allowed = ALLOWED[file] ?? [];
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    const text =
      ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
        ? n.text
        : ts.isTemplateExpression(n)
          ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join("{}")
          : null;
    if (text !== null && looksEnglish(text) && !notForVisitor(n) && !allowed.some((a) => text.startsWith(a))) {
      found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${JSON.stringify(text)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe("visitor-facing .ts sources", () => {
  it("word no sentence in English themselves: refusals, notes and announcements come from the catalogue", () => {
    const all = ROOTS.flatMap(files).filter((f) => !STAFF_ONLY.has(f));
    expect(all.length).toBeGreaterThan(40);
    const found = all.flatMap((f) => englishIn(f, readFileSync(path.join(process.cwd(), f), "utf8")));
    expect(found).toEqual([]);
  });

  it("finds a returned refusal, a template, a thrown message and English between tags, but not log lines, imports, keys or bare markup (the scan itself works)", () => {
    const src = [
      `import { x } from "@/lib/some thing is here";`,
      `log.warn("details not applied: TwentyThree refused", { id });`,
      `const a = { ok: false, message: "That video is not on your page." };`,
      "const b = `Uploading ${name}. Keep this page open.`;",
      `throw new Error("The upload was cancelled");`,
      'const f = `<html><style>h1{color:red}</style><h1>${title}</h1><a href="/">Go back to the start</a></html>`;',
      'const g = `<main class="card"><h1>${title}</h1><p>${body}</p></main>`;',
      `const c = t("refusals.cannotChange"); const d = "text-sm font-bold"; const e = "SELECT id FROM links WHERE slug = $1";`,
    ].join("\n");
    expect(englishIn("x.ts", src).map((s) => s.split(" ").slice(1).join(" "))).toEqual([
      '"That video is not on your page."',
      '"Uploading {}. Keep this page open."',
      '"The upload was cancelled"',
      '"<html><style>h1{color:red}</style><h1>{}</h1><a href=\\"/\\">Go back to the start</a></html>"',
    ]);
  });
});
