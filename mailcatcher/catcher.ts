// The embedded mail catcher (issue #16): with no SMTP_URL, `npm start` runs this instead of
// sending real mail. A real SMTP server (the maintained `smtp-server`) parses each message with
// `mailparser` and keeps the last 500 in memory; a small inbox page shows them and
// /messages.json serves them to tests. Standalone: it shares no code with the portal.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** `headers`: the List-* headers (List-Unsubscribe and its one-click POST), lower-case names. */
export type CaughtMail = { id: number; date: string; from: string; to: string[]; subject: string; text: string; html: string; headers: Record<string, string> };
export type MailCatcher = { smtpPort: number; webUrl: string; messages: CaughtMail[]; close: () => Promise<void> };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailCatcher(opts: { smtpPort?: number; webPort?: number; host?: string } = {}): Promise<MailCatcher> {
  const host = opts.host ?? "127.0.0.1";
  const messages: CaughtMail[] = [];
  let next = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"], // local only: plain SMTP, any (or no) credentials
    onAuth: (_auth, _session, cb) => cb(null, { user: "catcher" }),
    // Addresses at bounce.invalid are refused for good (550), so tests can see a bounce.
    onRcptTo(address, _session, cb) {
      if (address.address.toLowerCase().endsWith("@bounce.invalid")) return cb(Object.assign(new Error("5.1.1 No such user here"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          messages.push({
            id: next++,
            date: new Date().toISOString(),
            from: m.from?.text ?? "",
            to,
            subject: m.subject ?? "",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : "",
            headers: Object.fromEntries(
              m.headerLines.filter((h) => h.key.startsWith("list-")).map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()]),
            ),
          });
          if (messages.length > 500) messages.shift();
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(opts.smtpPort ?? 1025, host, () => resolve());
  });
  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/messages.json") {
      res.setHeader("content-type", "application/json");
      return void res.end(JSON.stringify(messages));
    }
    const one = /^\/messages\/(\d+)$/.exec(url.pathname);
    if (one) {
      const m = messages.find((x) => x.id === Number(one[1]));
      if (!m) return void res.writeHead(404).end("no such message");
      // The message's own HTML, sandboxed: no scripts, no same-origin access. Its links open a new,
      // unsandboxed tab (they carry target="_blank"), as a mail client opens them.
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": "sandbox allow-popups allow-popups-to-escape-sandbox; img-src * data:; style-src 'unsafe-inline'",
      });
      return void res.end(m.html || `<pre>${esc(m.text)}</pre>`);
    }
    const rows = [...messages]
      .reverse()
      .map((m) => `<tr><td>${esc(m.date)}</td><td>${esc(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${esc(m.subject)}</a></td></tr>`)
      .join("");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Caught mail</title><body style="font-family:sans-serif"><h1>Caught mail (${messages.length})</h1><p>Nothing here is sent anywhere. Set SMTP_URL to send real mail.</p><table border="1" cellpadding="6"><tr><th>Date</th><th>To</th><th>Subject</th></tr>${rows}</table></body></html>`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    web.once("error", reject);
    web.listen(opts.webPort ?? 1080, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const webPort = (web.address() as AddressInfo).port;
  return {
    smtpPort,
    webUrl: `http://localhost:${webPort}`,
    messages,
    close: () => Promise.all([new Promise<void>((r) => smtp.close(() => r())), new Promise<void>((r) => web.close(() => r()))]).then(() => undefined),
  };
}
