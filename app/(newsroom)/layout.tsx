import { connection } from "next/server";

// Every back-office page is rendered per request: it shows who is signed in and what they may do,
// and its scripts carry the nonce of that request's Content-Security-Policy (proxy.ts).
export default async function NewsroomLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return children;
}
