// The contributor's receipt and the team's "withdrawn" / "replaced" notices (issue #17), written
// with React Email like lib/mail/templates.tsx. Visitor-facing text is plain English until #18.
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { MailContent } from "@/lib/mail/templates";

const box = { backgroundColor: "#ffffff", margin: "0 auto", padding: "24px", maxWidth: "560px", fontFamily: "Helvetica, Arial, sans-serif" };
const button = { backgroundColor: "#1d4ed8", color: "#ffffff", borderRadius: "6px", padding: "12px 18px", fontWeight: 600, textDecoration: "none" };

function Mail({ heading, intro, lines, href, cta, footer }: { heading: string; intro: string; lines: string[]; href: string; cta: string; footer: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{intro}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9" }}>
        <Container style={box}>
          <Heading as="h1" style={{ fontSize: "20px" }}>
            {heading}
          </Heading>
          <Text>{intro}</Text>
          {lines.map((l) => (
            <Text key={l}>{l}</Text>
          ))}
          <Button href={href} style={button}>
            {cta}
          </Button>
          <Hr />
          <Text style={{ color: "#475569", fontSize: "12px" }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

async function both(subject: string, el: React.ReactElement): Promise<MailContent> {
  return { subject, html: await render(el), text: await render(el, { plainText: true }) };
}

export type ReceiptMail = { name: string | null; linkTitle: string; titles: string[]; pageUrl: string; expiresAt: Date };

export const receiptMail = (r: ReceiptMail) =>
  both(
    `Your upload to “${r.linkTitle}” has arrived`,
    <Mail
      heading={r.name ? `Thank you, ${r.name}` : "Thank you"}
      intro={`Your video reached “${r.linkTitle}”.`}
      lines={[
        ...r.titles.map((t) => `Received: ${t}`),
        "Your private page shows your video, how far it has been processed and the exact consent you gave. From there you can replace the video with a new file, withdraw your consent, or download the data we keep about you.",
      ]}
      href={r.pageUrl}
      cta="Open your page"
      footer={`This link is personal: anyone who has it can see your page. It works until ${r.expiresAt.toUTCString()}.`}
    />,
  );

export type TeamNotice = {
  kind: "withdrawn" | "replaced";
  title: string;
  contributor: string;
  linkTitle: string;
  reason: string | null;
  reviewUrl: string;
  outcome: string;
};

export const teamNoticeMail = (n: TeamNotice) =>
  both(
    n.kind === "withdrawn" ? `Consent withdrawn: ${n.title}` : `Video replaced: ${n.title}`,
    <Mail
      heading={n.kind === "withdrawn" ? "A contributor withdrew their consent" : "A contributor replaced their video"}
      intro={`${n.contributor} ${n.kind === "withdrawn" ? "withdrew consent for" : "uploaded a new file for"} “${n.title}” (link “${n.linkTitle}”).`}
      lines={[n.outcome, ...(n.reason ? [`Their reason: ${n.reason}`] : [])]}
      href={n.reviewUrl}
      cta="Review the upload"
      footer="You get this because your address is on the link's notification list."
    />,
  );
