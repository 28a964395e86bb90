// The team's e-mails, written with React Email (maintained components that render to the table
// layouts and inline styles mail clients need) and rendered to HTML and plain text.
import { Button, Heading, Img, Link, Section, Text } from "@react-email/components";
import { MailFrame, mailButton, renderMail } from "./layout";

export type MailUpload = {
  title: string;
  contributor: string;
  email: string | null;
  linkTitle: string;
  reviewUrl: string;
  thumbnailUrl: string | null;
  length: string | null;
};
export type { MailContent } from "./layout";

function UploadCard({ u }: { u: MailUpload }) {
  return (
    <Section style={{ marginBottom: "20px" }}>
      {u.thumbnailUrl ? <Img src={u.thumbnailUrl} alt={`Thumbnail of ${u.title}`} width="200" height="150" style={{ borderRadius: "6px" }} /> : null}
      <Text style={{ fontSize: "16px", fontWeight: 600, margin: "8px 0 0" }}>{u.title}</Text>
      <Text style={{ margin: "4px 0" }}>
        From {u.contributor}
        {u.email ? ` (${u.email})` : ""} through “{u.linkTitle}”{u.length ? ` · ${u.length}` : ""}
      </Text>
      <Button href={u.reviewUrl} style={mailButton}>
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
  const footer = (
    <>
      You get this because your address is on the link&apos;s notification list.{" "}
      <Link href={uploads[0]?.reviewUrl ?? changes[0]?.reviewUrl ?? "#"}>Open the portal</Link> to change it.
    </>
  );
  return (
    <MailFrame preview={intro} heading={heading} footer={footer}>
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
    </MailFrame>
  );
}

export const newUploadMail = (u: MailUpload) =>
  renderMail(
    `New upload: ${u.title}`,
    <UploadMail heading="A new upload arrived" intro={`${u.contributor} sent “${u.title}” through “${u.linkTitle}”.`} uploads={[u]} />,
  );

export const readyMail = (u: MailUpload) =>
  renderMail(
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
  return renderMail(
    `${parts} on “${linkTitle}”`,
    <UploadMail
      heading={uploads.length ? `New uploads on “${linkTitle}”` : `Changes on “${linkTitle}”`}
      intro={`${parts} in the last day.`}
      uploads={uploads}
      changes={changes}
    />,
  );
};
