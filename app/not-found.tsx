import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-md px-4 text-center">
      <h1 className="mb-2 text-2xl font-bold">页面不存在</h1>
      <p className="mb-6 text-stone-600">找不到你要的内容：它可能尚未发布，或地址有误。</p>
      <Link href="/" className="btn">看最新一期</Link>
    </main>
  );
}
