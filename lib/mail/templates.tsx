// The team's e-mails, written with React Email (maintained components that render to the table
// layouts and inline styles mail clients need) and rendered to HTML and plain text.
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";

export type MailUpload = {
  title: string;
  contributor: string;
  email: string | null;
  linkTitle: string;
  reviewUrl: string;
  thumbnailUrl: string | null;
  length: string | null;
};
/** `headers`: extra mail headers (the invitations' List-Unsubscribe, issue #17). */
export type MailContent = { subject: string; html: string; text: string; headers?: Record<string, string> };

const box = { backgroundColor: "#ffffff", margin: "0 auto", padding: "24px", maxWidth: "560px", fontFamily: "Helvetica, Arial, sans-serif" };
const button = { backgroundColor: "#1d4ed8", color: "#ffffff", borderRadius: "6px", padding: "12px 18px", fontWeight: 600, textDecoration: "none" };

function UploadCard({ u }: { u: MailUpload }) {
  return (
    <Section style={{ marginBottom: "20px" }}>
      {u.thumbnailUrl ? <Img src={u.thumbnailUrl} alt={`Thumbnail of ${u.title}`} width="200" height="150" style={{ borderRadius: "6px" }} /> : null}
      <Text style={{ fontSize: "16px", fontWeight: 600, margin: "8px 0 0" }}>{u.title}</Text>
      <Text style={{ margin: "4px 0" }}>
        From {u.contributor}
        {u.email ? ` (${u.email})` : ""} through “{u.linkTitle}”{u.length ? ` · ${u.length}` : ""}
      </Text>
      <Button href={u.reviewUrl} style={button}>
        Review the upload
      </Button>
    </Section>
  );
}

function UploadMail({ heading, intro, uploads }: { heading: string; intro: string; uploads: MailUpload[] }) {
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
          {uploads.map((u) => (
            <UploadCard key={u.reviewUrl} u={u} />
          ))}
          <Hr />
          <Text style={{ color: "#475569", fontSize: "12px" }}>
            You get this because your address is on the link&apos;s notification list. <Link href={uploads[0]?.reviewUrl ?? "#"}>Open the portal</Link> to
            change it.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

async function both(subject: string, el: React.ReactElement): Promise<MailContent> {
  return { subject, html: await render(el), text: await render(el, { plainText: true }) };
}

export const newUploadMail = (u: MailUpload) =>
  both(
    `New upload: ${u.title}`,
    <UploadMail heading="A new upload arrived" intro={`${u.contributor} sent “${u.title}” through “${u.linkTitle}”.`} uploads={[u]} />,
  );

export const readyMail = (u: MailUpload) =>
  both(
    `Ready to watch: ${u.title}`,
    <UploadMail heading="Ready to watch" intro={`TwentyThree has finished processing “${u.title}” from ${u.contributor}.`} uploads={[u]} />,
  );

export const digestMail = (linkTitle: string, uploads: MailUpload[]) =>
  both(
    `${uploads.length} new ${uploads.length === 1 ? "upload" : "uploads"} on “${linkTitle}”`,
    <UploadMail
      heading={`New uploads on “${linkTitle}”`}
      intro={`${uploads.length} new ${uploads.length === 1 ? "upload" : "uploads"} in the last day.`}
      uploads={uploads}
    />,
  );
