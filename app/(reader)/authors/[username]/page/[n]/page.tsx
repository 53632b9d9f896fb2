import { AuthorList, authorMetadata, pageNumber } from "@/components/reader/ListPages";

type Props = { params: Promise<{ username: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { username, n } = await params;
  return authorMetadata(username, pageNumber(n));
}

export default async function AuthorPageN({ params }: Props) {
  const { username, n } = await params;
  return <AuthorList username={username} n={pageNumber(n)} />;
}
