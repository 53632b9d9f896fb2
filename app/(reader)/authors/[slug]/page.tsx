import { AuthorList, authorMetadata } from "@/components/reader/ListPages";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return authorMetadata((await params).slug, 1);
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorList slug={(await params).slug} n={1} />;
}
