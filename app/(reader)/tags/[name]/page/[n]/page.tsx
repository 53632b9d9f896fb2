import { pageNumber, TagList, tagMetadata } from "@/components/reader/ListPages";

export const revalidate = 3600;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ name: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { name, n } = await params;
  return tagMetadata(decodeURIComponent(name), pageNumber(n));
}

export default async function TagPageN({ params }: Props) {
  const { name, n } = await params;
  return <TagList name={decodeURIComponent(name)} n={pageNumber(n)} />;
}
