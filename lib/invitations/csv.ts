// A pasted or uploaded list of invitees: "name,email[,custom…]", with or without a header row,
// parsed by csv-parse (quotes, commas in names, BOM, CRLF: a maintained parser gets them right).
// Every row is checked; the caller imports nothing unless every row is good.
import { parse } from "csv-parse/sync";
import { z } from "zod";

import { MAX_CSV_CHARS, MAX_INVITEES } from "./csv-limits";

export { MAX_CSV_CHARS, MAX_INVITEES };

export type Invitee = { name: string; email: string; fields: Record<string, string> };
export type RowError = { line: number; message: string };
export type ParsedList = { rows: Array<Invitee & { line: number }>; errors: RowError[]; columns: string[] };

const emailSchema = z.email();
const COLUMN = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;

export function parseInvitees(text: string): ParsedList {
  if (text.length > MAX_CSV_CHARS)
    return { rows: [], errors: [{ line: 0, message: `The list is too long (at most ${MAX_CSV_CHARS} characters).` }], columns: [] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: 10_000,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    return { rows: [], errors: [{ line, message: `This is not a readable CSV list (${(err as Error).message.split(":")[0]}).` }], columns: [] };
  }
  const first = records[0]?.record.map((c) => c.toLowerCase()) ?? [];
  const hasHeader = first.includes("email") || first.includes("e-mail");
  const header = hasHeader ? first.map((c) => (c === "e-mail" ? "email" : c)) : ["name", "email"];
  const errors: RowError[] = [];
  if (hasHeader && !header.includes("name")) errors.push({ line: records[0]!.info.lines, message: 'The header row needs a "name" column.' });
  const extra = header.filter((c) => c !== "name" && c !== "email");
  for (const c of extra)
    if (!COLUMN.test(c))
      errors.push({
        line: records[0]!.info.lines,
        message: `The column name “${c.slice(0, 40)}” may use only letters, digits, - and _ (it becomes {{${c.slice(0, 40)}}}).`,
      });
  const body = hasHeader ? records.slice(1) : records;
  if (body.length === 0) errors.push({ line: 0, message: "The list has nobody in it." });
  if (body.length > MAX_INVITEES) errors.push({ line: 0, message: `At most ${MAX_INVITEES} people per import; this list has ${body.length}.` });

  const rows: ParsedList["rows"] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body.slice(0, MAX_INVITEES)) {
    const line = info.lines;
    if (!hasHeader && record.length > 2) {
      errors.push({ line, message: "Extra columns need a header row naming them (name,email,company…)." });
      continue;
    }
    const cells = Object.fromEntries(header.map((h, i) => [h, record[i] ?? ""]));
    const name = cells.name ?? "";
    const email = (cells.email ?? "").toLowerCase();
    if (record.length > header.length) errors.push({ line, message: `More values (${record.length}) than columns (${header.length}).` });
    else if (!name) errors.push({ line, message: "The name is missing." });
    else if (name.length > 200) errors.push({ line, message: "The name is longer than 200 characters." });
    else if (!email) errors.push({ line, message: `The e-mail address of ${name} is missing.` });
    else if (email.length > 254 || !emailSchema.safeParse(email).success) errors.push({ line, message: `“${email.slice(0, 80)}” is not an e-mail address.` });
    else if (seen.has(email)) errors.push({ line, message: `${email} is already on line ${seen.get(email)}.` });
    else {
      seen.set(email, line);
      const fields = Object.fromEntries(extra.map((c) => [c, (cells[c] ?? "").slice(0, 500)]));
      rows.push({ line, name, email, fields });
    }
  }
  return { rows, errors, columns: extra };
}
