import { TagList, tagMetadata } from "@/components/reader/ListPages";

export const revalidate = 3600;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props) {
  return tagMetadata(decodeURIComponent((await params).name), 1);
}

export default async function TagPage({ params }: Props) {
  return <TagList name={decodeURIComponent((await params).name)} n={1} />;
}
