// The link page's branding and embed cards, included by app/admin/links/[id]/page.tsx with one line.
import { Card } from "@/components/ui/card";
import { brandingValues } from "@/lib/branding/queries";
import { BrandingForm } from "./branding-form";
import { EmbedSnippet } from "./embed-snippet";

export async function LinkBranding({ link, publicUrl }: { link: { id: string; slug: string; title: string; language: string | null }; publicUrl: string }) {
  const values = await brandingValues(link.id);
  return (
    <>
      <Card title="Embed on your website">
        <EmbedSnippet publicUrl={publicUrl} title={link.title} origins={values.embedOrigins.split("\n").filter(Boolean)} />
      </Card>
      <Card title="Branding">
        <BrandingForm scope={link.id} values={values} previewPath={`/preview/links/${link.id}`} language={link.language} />
      </Card>
    </>
  );
}

export async function SiteBranding() {
  return (
    <Card title="Branding (default for every link)">
      <BrandingForm scope="site" values={await brandingValues("site")} />
    </Card>
  );
}
