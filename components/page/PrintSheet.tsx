import type { PageView } from "@/lib/issues/page-view";
import type { PageLinks } from "@/components/page/page-links";
import { Sheet } from "@/components/page/PrintedPage";

/**
 * A released page alone, as the engine prints it (lib/page-files/render.ts): the readers' sheet at
 * its paper size, its links absolute to the e-paper, since a PDF is read away from the site.
 */
export function PrintSheet({ view, site }: { view: PageView; site: string }) {
  const links: PageLinks = {
    story: (id) => `${site}/stories/${id}`,
    page: (n) => `${site}/issues/${view.issue.date}/pages/${n}`,
    issue: `${site}/issues/${view.issue.date}`,
  };
  return (
    <div data-print-sheet className="print-sheet w-max">
      <Sheet view={view} mode="reader" links={links} />
    </div>
  );
}
