// The invitation and reminder e-mails (React Email, like lib/mail/templates.tsx): the admin's
// text, already filled per invitee, as paragraphs (React escapes it: no markup from the admin
// or a CSV cell reaches the HTML), the personal link as a button, and the unsubscribe link.
import { Button, Link, Text } from "@react-email/components";
import { MailFrame, mailButton, renderMail, type MailContent } from "@/lib/mail/layout";

/** Issue #18: the fixed words in the invitee's language (messages/*.json "invite"). */
export type InviteWords = { lang: string; preview: string; reminderNote: string; cta: string; orOpen: string; personal: string; unsubscribe: string };
type Props = { body: string; reminder: boolean; personalUrl: string; unsubscribeUrl: string; words: InviteWords };

function InviteMail({ body, reminder, personalUrl, unsubscribeUrl, words }: Props) {
  const paragraphs = body.split(/\n\s*\n/).filter((p) => p.trim());
  const footer = (
    <>
      {words.personal} <Link href={unsubscribeUrl}>{words.unsubscribe}</Link>
    </>
  );
  return (
    <MailFrame lang={words.lang} preview={paragraphs[0]?.slice(0, 120) ?? words.preview} footer={footer}>
      {reminder ? <Text style={{ color: "#475569" }}>{words.reminderNote}</Text> : null}
      {paragraphs.map((p, i) => (
        <Text key={i} style={{ whiteSpace: "pre-line" }}>
          {p}
        </Text>
      ))}
      <Button href={personalUrl} style={mailButton}>
        {words.cta}
      </Button>
      <Text style={{ fontSize: "12px", color: "#475569", wordBreak: "break-all" }}>{words.orOpen}</Text>
    </MailFrame>
  );
}

export async function renderInviteMail(subject: string, props: Props): Promise<MailContent> {
  return renderMail(subject, <InviteMail {...props} />);
}
