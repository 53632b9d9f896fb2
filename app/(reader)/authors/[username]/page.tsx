import { AuthorList, authorMetadata } from "@/components/reader/ListPages";

export const revalidate = 3600;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props) {
  return authorMetadata((await params).username, 1);
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorList username={(await params).username} n={1} />;
}
