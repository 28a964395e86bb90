// The contributor's receipt and the team's "withdrawn" / "replaced" notices (issue #17), written
// with React Email like lib/mail/templates.tsx. The receipt is in the visitor's language (#18:
// the locale their page was in, messages/*.json "mail"); the team's notices stay English.
import { Button, Text } from "@react-email/components";
import { MailFrame, mailButton, renderMail } from "@/lib/mail/layout";
import { translatorFor } from "@/lib/i18n/messages";

type MailProps = { heading: string; intro: string; lines: string[]; href: string; cta: string; footer: string; lang?: string };

function Mail({ heading, intro, lines, href, cta, footer, lang = "en" }: MailProps) {
  return (
    <MailFrame lang={lang} preview={intro} heading={heading} footer={footer}>
      <Text>{intro}</Text>
      {lines.map((l) => (
        <Text key={l}>{l}</Text>
      ))}
      <Button href={href} style={mailButton}>
        {cta}
      </Button>
    </MailFrame>
  );
}

export type ReceiptMail = { name: string | null; linkTitle: string; titles: (string | null)[]; pageUrl: string; expiresAt: Date; locale?: string | null };

export async function receiptMail(r: ReceiptMail) {
  const { locale, t } = await translatorFor(r.locale, "mail");
  return renderMail(
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
  renderMail(
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
