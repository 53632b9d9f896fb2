import { pageNumber, TagList, tagMetadata } from "@/components/reader/ListPages";
import { segmentText } from "@/lib/validation/text";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ name: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { name, n } = await params;
  return tagMetadata(segmentText(name), pageNumber(n));
}

export default async function TagPageN({ params }: Props) {
  const { name, n } = await params;
  return <TagList name={segmentText(name)} n={pageNumber(n)} />;
}
