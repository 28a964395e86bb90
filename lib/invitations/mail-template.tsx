// The invitation and reminder e-mails (React Email, like lib/mail/templates.tsx): the admin's
// text, already filled per invitee, as paragraphs (React escapes it: no markup from the admin
// or a CSV cell reaches the HTML), the personal link as a button, and the unsubscribe link.
import { Body, Button, Container, Head, Hr, Html, Link, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { MailContent } from "@/lib/mail/templates";

const box = { backgroundColor: "#ffffff", margin: "0 auto", padding: "24px", maxWidth: "560px", fontFamily: "Helvetica, Arial, sans-serif" };
const button = { backgroundColor: "#1d4ed8", color: "#ffffff", borderRadius: "6px", padding: "12px 18px", fontWeight: 600, textDecoration: "none" };

/** Issue #18: the fixed words in the invitee's language (messages/*.json "invite"). */
export type InviteWords = { lang: string; preview: string; reminderNote: string; cta: string; orOpen: string; personal: string; unsubscribe: string };
type Props = { body: string; reminder: boolean; personalUrl: string; unsubscribeUrl: string; words: InviteWords };

function InviteMail({ body, reminder, personalUrl, unsubscribeUrl, words }: Props) {
  const paragraphs = body.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <Html lang={words.lang}>
      <Head />
      <Preview>{paragraphs[0]?.slice(0, 120) ?? words.preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9" }}>
        <Container style={box}>
          {reminder ? <Text style={{ color: "#475569" }}>{words.reminderNote}</Text> : null}
          {paragraphs.map((p, i) => (
            <Text key={i} style={{ whiteSpace: "pre-line" }}>
              {p}
            </Text>
          ))}
          <Button href={personalUrl} style={button}>
            {words.cta}
          </Button>
          <Text style={{ fontSize: "12px", color: "#475569", wordBreak: "break-all" }}>{words.orOpen}</Text>
          <Hr />
          <Text style={{ color: "#475569", fontSize: "12px" }}>
            {words.personal} <Link href={unsubscribeUrl}>{words.unsubscribe}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export async function renderInviteMail(subject: string, props: Props): Promise<MailContent> {
  const el = <InviteMail {...props} />;
  return { subject, html: await render(el), text: await render(el, { plainText: true }) };
}
