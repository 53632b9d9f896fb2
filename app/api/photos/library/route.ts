import { currentUser } from "@/lib/core/session";
import { jsonError } from "@/lib/core/http";
import { listLibrary } from "@/lib/photos/library";

// The library for the picker in the story form: the same query as the library page, as JSON,
// with what a photo block needs.
export async function GET(request: Request) {
  try {
    const user = await currentUser();
    if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const page = await listLibrary(user, params, 24);
    return Response.json(
      {
        items: page.items.map(({ id, width, height, caption, credit, altText }) => ({ id, width, height, caption, credit, altText })),
        nextCursor: page.nextCursor,
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (e) {
    return jsonError(e);
  }
}
