import net from "node:net";
import type { Browser } from "@playwright/test";
import sharp from "sharp";
import { countFiles, expect, listeningPid, newUserPage, query, residentBytes, test } from "./support";
import { docxZip, featureDocx } from "../tests/support/docx-files";
import { zeroPng } from "../tests/support/png-shapes";

// The upload limits, against the production server: bytes counted while they arrive, pixels, and
// what the editor shows. The server runs with the default PHOTO_MAX_BYTES (15 MB).
const LIMIT = 15 * 1024 * 1024;
const MB = 1024 * 1024;
const port = Number(process.env.E2E_PORT ?? 3100);
const photoDir = process.env.PHOTO_DIR ?? "";
const BOUNDARY = "----jiping-e2e-upload";
const TOO_LARGE = "图片不能超过 15 MB";

async function sessionCookie(browser: Browser, username: string): Promise<string> {
  const page = await newUserPage(browser, username);
  const cookies = await page.context().cookies();
  await page.context().close();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** The server's answer; status 0 when it closed the connection before its answer reached us (see postPhoto). */
type Answer = { status: number; body: string; sent: number };

/**
 * POSTs a multipart photo of `photoBytes` bytes over a raw socket, 64 KB at a time: chunked unless
 * `declaredLength` is given. Stops sending once the server answers. The server may close the
 * connection while bytes are still on their way (EPIPE, ECONNRESET): Node's HTTP client then drops
 * an answer that had already arrived, so the answer is read from the socket itself.
 */
function postPhoto(cookie: string, photoBytes: number, declaredLength?: number): Promise<Answer> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  chunk.set([0xff, 0xd8, 0xff]);
  const chunked = declaredLength === undefined;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let received = Buffer.alloc(0);
    const socket = net.connect(port, "localhost");
    socket.setTimeout(120_000, () => socket.destroy(new Error("no answer in 120 s")));
    const answered = () => received.includes("\r\n\r\n");
    socket.on("data", (d) => (received = Buffer.concat([received, d])));
    socket.on("error", () => {}); // a write after the server closed: its answer is in `received`
    socket.on("close", () => {
      // The server answers at the limit and closes with bytes of ours still unread, which makes
      // its kernel reset the connection; a reset can overtake the answer on the way here.
      if (!answered()) return resolve({ status: 0, body: "", sent });
      const split = received.indexOf("\r\n\r\n");
      const headers = received.subarray(0, split).toString("latin1");
      const raw = received.subarray(split + 4);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0);
      resolve({ status, body: (/transfer-encoding: chunked/i.test(headers) ? unchunk(raw) : raw).toString("utf8"), sent });
    });
    const write = (data: Buffer) => {
      sent += data.length;
      return socket.write(chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]) : data);
    };
    socket.once("connect", () => {
      socket.write(
        [
          "POST /api/photos HTTP/1.1",
          `Host: localhost:${port}`,
          `Cookie: ${cookie}`,
          `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
          chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${declaredLength}`,
          "Connection: close",
          "",
          "",
        ].join("\r\n"),
      );
      let photoSent = 0;
      let headSent = false;
      const pump = () => {
        if (!headSent) {
          headSent = true;
          if (!write(head)) return socket.once("drain", pump);
        }
        while (!answered() && !socket.destroyed && photoSent < photoBytes) {
          const piece = chunk.subarray(0, Math.min(chunk.length, photoBytes - photoSent));
          photoSent += piece.length;
          if (!write(piece)) return socket.once("drain", pump);
        }
        if (!answered() && !socket.destroyed && chunked) {
          write(tail);
          socket.write("0\r\n\r\n");
        }
      };
      pump();
    });
    // Once the answer is complete the server closes (Connection: close); stop sending at once.
    socket.on("data", () => {
      if (answered()) socket.end();
    });
  });
}

/** The body of a chunked HTTP answer. */
function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const line = raw.indexOf("\r\n", at);
    if (line < 0) break;
    const size = parseInt(raw.subarray(at, line).toString("latin1"), 16);
    if (!size) break;
    parts.push(raw.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

async function photoRowsOf(username: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Photo" p JOIN "User" u ON u.id = p."uploaderId" WHERE u.username = $1`,
    [username],
  );
  return row.n;
}

/** A real PNG just under the limit: stored (uncompressed) pixels, so its size can be aimed at. */
async function pngJustUnder(limit: number): Promise<Buffer> {
  const width = 2560;
  let height = Math.floor((limit - 96 * 1024) / (width * 3 + 1));
  for (;;) {
    const png = await sharp({ create: { width, height, channels: 3, background: { r: 190, g: 140, b: 60 } } })
      .png({ compressionLevel: 0, adaptiveFiltering: false })
      .toBuffer();
    if (png.length <= limit) return png;
    height -= Math.ceil((png.length - limit) / (width * 3)) + 1;
  }
}

test.describe("the upload routes' answers", () => {
  // The proxy, which gives every other /api answer the sandbox policy, does not see these two routes.
  test("carry the API policy, refusals included", async ({ browser, playwright }) => {
    const page = await newUserPage(browser, "zhaochen");
    const anonymous = await playwright.request.newContext({ baseURL: `http://localhost:${port}` });
    const photo = { file: { name: "秋收.png", mimeType: "image/png", buffer: await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c90" } }).png().toBuffer() } };
    const docx = { file: { name: "稿件.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await featureDocx() } };
    const answers = [
      ["a photo taken", await page.request.post("/api/photos", { multipart: photo }), 201],
      ["a body that is not a form", await page.request.post("/api/photos", { data: { file: "秋收.jpg" } }), 400],
      ["another site", await page.request.post("/api/photos", { headers: { origin: "http://evil.example" }, multipart: photo }), 403],
      ["nobody signed in", await anonymous.post("/api/photos", { multipart: photo }), 401],
      ["a Word file read", await page.request.post("/api/import/docx", { multipart: docx }), 200],
      ["a Word file that is not one", await page.request.post("/api/import/docx", { multipart: { file: { ...docx.file, buffer: Buffer.from("不是文件") } } }), 400],
      ["a Word import from nobody", await anonymous.post("/api/import/docx", { multipart: docx }), 401],
    ] as const;
    for (const [what, answer, status] of answers) {
      expect(answer.status(), what).toBe(status);
      expect(answer.headers()["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    }
    await anonymous.dispose();
    await page.context().close();
  });
});

test.describe("upload limits", () => {
  test("a chunked upload ten times the limit is refused at the limit and the server's memory hardly grows", async ({ browser }) => {
    const cookie = await sessionCookie(browser, "zhaochen");
    const rowsBefore = await photoRowsOf("zhaochen");
    const filesBefore = countFiles(photoDir);
    const server = listeningPid(port);
    // Load the route's code first, so only the upload itself is measured.
    await postPhoto(cookie, 1000, LIMIT + MB);

    const before = residentBytes(server);
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, residentBytes(server))), 20);
    const answer = await postPhoto(cookie, 10 * LIMIT).finally(() => clearInterval(watch));
    const after = residentBytes(server);
    console.log(
      `server rss before=${(before / MB).toFixed(0)} MB peak=${(peak / MB).toFixed(0)} MB after=${(after / MB).toFixed(0)} MB; client sent ${(answer.sent / MB).toFixed(1)} MB of ${(10 * LIMIT) / MB} MB`,
    );

    expect(peak - before).toBeLessThan(100 * MB);
    expect(after - before).toBeLessThan(100 * MB);
    // The refusal, when the connection's reset did not overtake it (see postPhoto).
    if (answer.status !== 0) {
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error).toBe(TOO_LARGE);
    }
    // The answer came while the sender was still far from done, and it stopped there.
    expect(answer.sent).toBeLessThan(5 * LIMIT);
    expect(await photoRowsOf("zhaochen")).toBe(rowsBefore);
    expect(countFiles(photoDir)).toBe(filesBefore);
  });

  test("a body that declares more than the limit is refused with 413 before it is read", async ({ browser }) => {
    const cookie = await sessionCookie(browser, "zhaochen");
    const answer = await postPhoto(cookie, 64 * 1024, 40 * MB);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toBe(TOO_LARGE);
  });

  test("a body that is not a multipart form is refused with 400 and a Chinese message", async ({ browser }) => {
    const page = await newUserPage(browser, "zhaochen");
    const answer = await page.request.post("/api/photos", { data: { file: "秋收.jpg" } });
    expect(answer.status()).toBe(400);
    expect((await answer.json()).error).toBe("上传的内容不是表单，请在稿件编辑页上传图片");
  });

  test("a photo just under the limit is taken", async ({ browser }) => {
    const png = await pngJustUnder(LIMIT);
    expect(png.length).toBeGreaterThan(LIMIT - 256 * 1024);
    const page = await newUserPage(browser, "zhaochen");
    await page.goto("/desk/stories/new");
    const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/photos"));
    await page.getByLabel("上传图片").setInputFiles({ name: "航拍.png", mimeType: "image/png", buffer: png });
    expect((await uploaded).status()).toBe(201);
    await expect(page.locator('[data-block-type="photo"]')).toHaveCount(1);
  });

  test("a small file with too many pixels is refused with what to do, and nothing is stored", async ({ browser }) => {
    const huge = await sharp({ create: { width: 12000, height: 8000, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(huge.length).toBeLessThan(MB);
    const rowsBefore = await photoRowsOf("zhaochen");
    const filesBefore = countFiles(photoDir);
    const page = await newUserPage(browser, "zhaochen");
    await page.goto("/desk/stories/new");
    await page.getByLabel("上传图片").setInputFiles({ name: "中画幅.png", mimeType: "image/png", buffer: huge });
    await expect(page.getByRole("alert").filter({ hasText: "这张图片有 9600 万像素（12000×8000），超过了 6400 万像素的上限。请导出一张较小的 JPEG" })).toBeVisible();
    await expect(page.locator('[data-block-type="photo"]')).toHaveCount(0);
    expect(await photoRowsOf("zhaochen")).toBe(rowsBefore);
    expect(countFiles(photoDir)).toBe(filesBefore);
  });

  test("a 61 KB picture of 64,000,000 × 1 pixels is refused from its header, and the server's memory hardly grows", async ({ browser }) => {
    const strip = await zeroPng(64_000_000, 1);
    expect(strip.length).toBeLessThan(64 * 1024);
    const page = await newUserPage(browser, "zhaochen");
    const rowsBefore = await photoRowsOf("zhaochen");
    const server = listeningPid(port);
    const before = residentBytes(server);
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, residentBytes(server))), 20);
    const answers = await Promise.all(
      [1, 2].map(() => page.request.post("/api/photos", { multipart: { file: { name: "横条.png", mimeType: "image/png", buffer: strip } } })),
    ).finally(() => clearInterval(watch));
    console.log(`server rss before=${(before / MB).toFixed(0)} MB peak=${(peak / MB).toFixed(0)} MB`);
    for (const answer of answers) {
      expect(answer.status()).toBe(400);
      expect((await answer.json()).error).toBe("这张图片的长边有 64000000 像素（64000000×1），超过了 16383 像素的上限。请导出一张较小的 JPEG（例如长边 6000 像素）再上传。");
    }
    // Each once took 600 MB to resize.
    expect(peak - before).toBeLessThan(100 * MB);
    expect(await photoRowsOf("zhaochen")).toBe(rowsBefore);
    await page.context().close();
  });

  test("a Word file of 95 parts of 1 MiB of zeros (107 KB) is refused before it is unpacked", async ({ browser }) => {
    const zip = await docxZip([{ text: "标题" }, { text: "正文。" }]);
    for (let i = 0; i < 95; i++) zip.file(`word/media/zeros${i}.bin`, Buffer.alloc(MB));
    const attack = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
    const page = await newUserPage(browser, "zhanghan");
    const server = listeningPid(port);
    const before = residentBytes(server);
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, residentBytes(server))), 20);
    const answer = await page.request
      .post("/api/import/docx", { multipart: { file: { name: "稿件.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: attack } } })
      .finally(() => clearInterval(watch));
    expect(answer.status()).toBe(400);
    expect((await answer.json()).error).toBe("这个文件解压后是原来的 100 多倍，不像是一篇稿件，没有读取");
    // It once took 200 MB.
    expect(peak - before).toBeLessThan(50 * MB);
    await page.context().close();
  });

  test("the editor shows the 413 message for a photo over the limit and keeps what was typed", async ({ browser }) => {
    const page = await newUserPage(browser, "zhaochen");
    await page.goto("/desk/stories/new");
    await page.getByLabel("主题（标题）").fill("东辽河湿地迎来首批候鸟");
    await page.getByLabel("正文第 1 段").fill("入秋以来，东辽河湿地陆续迎来白鹭、苍鹭等候鸟。");
    const upload = page.getByLabel("上传图片");
    const png = await pngJustUnder(LIMIT);
    // One byte over: read as it arrives and refused at the limit.
    const oneOver = Buffer.concat([png, Buffer.alloc(LIMIT + 1 - png.length)]);
    // Twice over: refused from its declared length, before the browser has sent it.
    const twice = Buffer.concat([png, Buffer.alloc(2 * LIMIT - png.length)]);
    for (const buffer of [oneOver, twice]) {
      const refused = page.waitForResponse((r) => r.url().endsWith("/api/photos"));
      await upload.setInputFiles({ name: "候鸟.png", mimeType: "image/png", buffer });
      expect((await refused).status()).toBe(413);
      await expect(page.getByRole("alert").filter({ hasText: TOO_LARGE })).toBeVisible();
    }
    await expect(page.locator('[data-block-type="photo"]')).toHaveCount(0);
    await expect(page.getByLabel("主题（标题）")).toHaveValue("东辽河湿地迎来首批候鸟");
    await expect(page.getByLabel("正文第 1 段")).toHaveValue("入秋以来，东辽河湿地陆续迎来白鹭、苍鹭等候鸟。");
  });
});
