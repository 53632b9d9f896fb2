import { AuthorList, authorMetadata, pageNumber } from "@/components/reader/ListPages";

type Props = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { slug, n } = await params;
  return authorMetadata(slug, pageNumber(n));
}

export default async function AuthorPageN({ params }: Props) {
  const { slug, n } = await params;
  return <AuthorList slug={slug} n={pageNumber(n)} />;
}
