// The contributor's receipt and the team's "withdrawn" / "replaced" notices (issue #17), written
// with React Email like lib/mail/templates.tsx. The receipt is in the visitor's language (#18:
// the locale their page was in, messages/*.json "mail"); the team's notices stay English.
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { MailContent } from "@/lib/mail/templates";
import { translatorFor } from "@/lib/i18n/messages";

const box = { backgroundColor: "#ffffff", margin: "0 auto", padding: "24px", maxWidth: "560px", fontFamily: "Helvetica, Arial, sans-serif" };
const button = { backgroundColor: "#1d4ed8", color: "#ffffff", borderRadius: "6px", padding: "12px 18px", fontWeight: 600, textDecoration: "none" };

type MailProps = { heading: string; intro: string; lines: string[]; href: string; cta: string; footer: string; lang?: string };

function Mail({ heading, intro, lines, href, cta, footer, lang = "en" }: MailProps) {
  return (
    <Html lang={lang}>
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

export type ReceiptMail = { name: string | null; linkTitle: string; titles: (string | null)[]; pageUrl: string; expiresAt: Date; locale?: string | null };

export async function receiptMail(r: ReceiptMail) {
  const { locale, t } = await translatorFor(r.locale, "mail");
  return both(
    t("receiptSubject", { link: r.linkTitle }),
    <Mail
      lang={locale}
      heading={r.name ? t("receiptHeadingName", { name: r.name }) : t("receiptHeading")}
      intro={t("receiptIntro", { link: r.linkTitle })}
      lines={[...r.titles.map((title) => t("receiptReceived", { title: title || t("yourVideo") })), t("receiptBody")]}
      href={r.pageUrl}
      cta={t("receiptCta")}
      footer={t("receiptFooter", { until: r.expiresAt })}
    />,
  );
}

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
