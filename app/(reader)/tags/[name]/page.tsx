import { TagList, tagMetadata } from "@/components/reader/ListPages";
import { segmentText } from "@/lib/validation/text";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props) {
  return tagMetadata(segmentText((await params).name), 1);
}

export default async function TagPage({ params }: Props) {
  return <TagList name={segmentText((await params).name)} n={1} />;
}
