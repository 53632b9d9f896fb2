import "server-only";
import { existsSync } from "node:fs";
import { freemem } from "node:os";
import type { Browser } from "playwright-core";

// The browser engine that prints pages: the system's Chromium (Debian's package), driven through
// playwright-core, as the tests drive it. Nothing is downloaded: a machine without Chromium renders
// nothing, says so on the admin page, and releases go out as ever.

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Below this much free memory a page is not started: the machine also serves the paper. */
const MIN_FREE_BYTES = 300 * 1024 * 1024;

export type EngineStatus = { installed: true; path: string } | { installed: false; why: string };

export function engineStatus(): EngineStatus {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? { installed: true, path: configured } : { installed: false, why: `CHROMIUM_PATH 指向的 ${configured} 不存在` };
  const found = CANDIDATES.find((p) => existsSync(p));
  return found ? { installed: true, path: found } : { installed: false, why: "服务器上没有安装浏览器引擎（Debian：apt-get install chromium fonts-noto-cjk），版面 PDF 和图片无法生成" };
}

export class EngineMissing extends Error {}

/** Refuses to start a page when memory is short, rather than have the system kill the app. */
export function assertMemoryFor(what: string): void {
  if (freemem() < MIN_FREE_BYTES) throw new Error(`内存不足（剩余 ${Math.round(freemem() / 1048576)} MB），暂不生成${what}`);
}

/** Runs `work` with a headless browser, closed afterwards whatever happens. */
export async function withEngine<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const status = engineStatus();
  if (!status.installed) throw new EngineMissing(status.why);
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: status.path, args: ["--disable-dev-shm-usage", "--no-sandbox", "--font-render-hinting=none"] });
  try {
    return await work(browser);
  } finally {
    await browser.close().catch(() => {});
  }
}
