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

/** A contributor's withdrawal or replacement in a digest (lib/contributor/digest.ts). */
export type MailChange = { kind: "withdrawn" | "replaced"; title: string; contributor: string; reason: string | null; reviewUrl: string };

function ChangeLine({ c }: { c: MailChange }) {
  const what = c.kind === "withdrawn" ? "withdrew consent for" : "replaced the file of";
  return (
    <Text style={{ margin: "4px 0" }}>
      {c.contributor} {what} “{c.title}”{c.reason ? ` (“${c.reason}”)` : ""}. <Link href={c.reviewUrl}>Review</Link>
    </Text>
  );
}

function UploadMail({ heading, intro, uploads, changes = [] }: { heading: string; intro: string; uploads: MailUpload[]; changes?: MailChange[] }) {
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
          {changes.length ? (
            <Section>
              <Heading as="h2" style={{ fontSize: "16px" }}>
                Changes by contributors
              </Heading>
              {changes.map((c, i) => (
                <ChangeLine key={i} c={c} />
              ))}
            </Section>
          ) : null}
          <Hr />
          <Text style={{ color: "#475569", fontSize: "12px" }}>
            You get this because your address is on the link&apos;s notification list.{" "}
            <Link href={uploads[0]?.reviewUrl ?? changes[0]?.reviewUrl ?? "#"}>Open the portal</Link> to change it.
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

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The day's uploads, and what contributors withdrew or replaced (a DIGEST link gets no notice per change). */
export const digestMail = (linkTitle: string, uploads: MailUpload[], changes: MailChange[] = []) => {
  const parts = [
    ...(uploads.length ? [count(uploads.length, "new upload", "new uploads")] : []),
    ...(changes.length ? [count(changes.length, "change by a contributor", "changes by contributors")] : []),
  ].join(" and ");
  return both(
    `${parts} on “${linkTitle}”`,
    <UploadMail
      heading={uploads.length ? `New uploads on “${linkTitle}”` : `Changes on “${linkTitle}”`}
      intro={`${parts} in the last day.`}
      uploads={uploads}
      changes={changes}
    />,
  );
};
