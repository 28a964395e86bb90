// A strict RFC 4180 reader, fed chunk by chunk, used by tests to prove the export parses back.
// Strict: a quote inside an unquoted field, or text after a closing quote, is an error.
import "server-only";
export class CsvReader {
  private field = "";
  private record: string[] = [];
  private inQuotes = false;
  private afterQuote = false;
  private pendingCr = false;

  constructor(private readonly onRecord: (record: string[]) => void) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c !== "\n") throw new Error("bare CR outside quotes");
        this.endRecord();
        continue;
      }
      if (this.inQuotes) {
        if (c === '"') {
          this.inQuotes = false;
          this.afterQuote = true;
        } else this.field += c;
        continue;
      }
      if (c === '"') {
        if (this.afterQuote) {
          this.field += '"'; // doubled quote
          this.inQuotes = true;
          this.afterQuote = false;
        } else if (this.field === "") this.inQuotes = true;
        else throw new Error("quote inside an unquoted field");
      } else if (c === ",") this.endField();
      else if (c === "\r") this.pendingCr = true;
      else if (c === "\n") throw new Error("bare LF outside quotes");
      else if (this.afterQuote) throw new Error("text after a closing quote");
      else this.field += c;
    }
  }

  end(): void {
    if (this.inQuotes) throw new Error("unterminated quoted field");
    if (this.pendingCr) throw new Error("bare CR at end");
    if (this.field !== "" || this.record.length) this.endRecord();
  }

  private endField() {
    this.record.push(this.field);
    this.field = "";
    this.afterQuote = false;
  }
  private endRecord() {
    this.endField();
    this.onRecord(this.record);
    this.record = [];
  }
}

export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  const r = new CsvReader((rec) => out.push(rec));
  r.push(text);
  r.end();
  return out;
}
