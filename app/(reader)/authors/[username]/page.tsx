import { AuthorList, authorMetadata } from "@/components/reader/ListPages";

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props) {
  return authorMetadata((await params).username, 1);
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorList username={(await params).username} n={1} />;
}
