import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-md px-4 text-center">
      <h1 className="mb-2 text-2xl font-bold">没有权限</h1>
      <p className="mb-6 text-stone-600">你的账号不能打开这个页面。如需权限，请联系管理员。</p>
      <Link href="/desk" className="btn">返回采编首页</Link>
    </main>
  );
}
