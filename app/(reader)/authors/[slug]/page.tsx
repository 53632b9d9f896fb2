import { AuthorList, authorMetadata } from "@/components/reader/ListPages";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return authorMetadata((await params).slug, 1);
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorList slug={(await params).slug} n={1} />;
}
