// The frame every e-mail shares (React Email): page colour, the white box, an optional heading,
// a rule and the small-print footer, plus the one button style and the HTML + plain-text render.
// The team's mails (templates.tsx), the contributor's (lib/contributor/mail-templates.tsx) and
// the invitations (lib/invitations/mail-template.tsx) fill it with their own content.
import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";

/** `headers`: extra mail headers (the invitations' List-Unsubscribe, issue #17). */
export type MailContent = { subject: string; html: string; text: string; headers?: Record<string, string> };

const box = { backgroundColor: "#ffffff", margin: "0 auto", padding: "24px", maxWidth: "560px", fontFamily: "Helvetica, Arial, sans-serif" };
export const mailButton = { backgroundColor: "#1d4ed8", color: "#ffffff", borderRadius: "6px", padding: "12px 18px", fontWeight: 600, textDecoration: "none" };

type FrameProps = { lang?: string; preview: string; heading?: string; footer: React.ReactNode; children: React.ReactNode };

export function MailFrame({ lang = "en", preview, heading, footer, children }: FrameProps) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9" }}>
        <Container style={box}>
          {heading ? (
            <Heading as="h1" style={{ fontSize: "20px" }}>
              {heading}
            </Heading>
          ) : null}
          {children}
          <Hr />
          <Text style={{ color: "#475569", fontSize: "12px" }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The mail as HTML and as plain text (for clients that show no HTML). */
export async function renderMail(subject: string, el: React.ReactElement): Promise<MailContent> {
  return { subject, html: await render(el), text: await render(el, { plainText: true }) };
}
