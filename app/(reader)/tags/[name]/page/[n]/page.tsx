import { pageNumber, TagList, tagMetadata } from "@/components/reader/ListPages";
import { segmentText } from "@/lib/validation/text";

type Props = { params: Promise<{ name: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { name, n } = await params;
  return tagMetadata(segmentText(name), pageNumber(n));
}

export default async function TagPageN({ params }: Props) {
  const { name, n } = await params;
  return <TagList name={segmentText(name)} n={pageNumber(n)} />;
}
