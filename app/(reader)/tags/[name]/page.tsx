import { TagList, tagMetadata } from "@/components/reader/ListPages";
import { segmentText } from "@/lib/validation/text";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props) {
  return tagMetadata(segmentText((await params).name), 1);
}

export default async function TagPage({ params }: Props) {
  return <TagList name={segmentText((await params).name)} n={1} />;
}
