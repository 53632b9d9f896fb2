import "./print.css";

// The print addresses: one released page alone on a white ground, for the page printer's engine
// (lib/page-files). Nothing of the site around it: the PDF is the page.
export default function PrintLayout({ children }: { children: React.ReactNode }) {
  return <main className="print-ground">{children}</main>;
}
