import { AuthorList, authorMetadata, pageNumber } from "@/components/reader/ListPages";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { slug, n } = await params;
  return authorMetadata(slug, pageNumber(n));
}

export default async function AuthorPageN({ params }: Props) {
  const { slug, n } = await params;
  return <AuthorList slug={slug} n={pageNumber(n)} />;
}
