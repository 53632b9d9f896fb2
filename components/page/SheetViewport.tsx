"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

// The sheet on a screen: scaled to the width there is, or at 100 % (its real size in mm) to read
// it as printed. The scale is set on the element from script, not as a style attribute: the CSP
// allows none. Below 768 px the page is its headline list and nothing is scaled.
export function SheetViewport({ paperWidthPx, children }: { paperWidthPx: number; children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const sheet = useRef<HTMLDivElement>(null);
  const [actualSize, setActualSize] = useState(false);
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const outer = frame.current;
    const inner = sheet.current;
    if (!outer || !inner) return;
    const wide = window.matchMedia("(min-width: 768px)");
    const fit = () => {
      const next = actualSize || !wide.matches ? 1 : Math.min(1, outer.clientWidth / paperWidthPx);
      inner.style.zoom = String(next);
      setScale(next);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(outer);
    wide.addEventListener("change", fit);
    return () => {
      observer.disconnect();
      wide.removeEventListener("change", fit);
    };
  }, [actualSize, paperWidthPx]);
  return (
    <div className="sheet-viewport min-w-0">
      <div className="no-print mb-2 hidden items-center gap-3 text-sm text-stone-600 md:flex">
        <span data-testid="sheet-scale">显示比例 {Math.round(scale * 100)}%</span>
        <button type="button" className="btn btn-sm" aria-pressed={actualSize} onClick={() => setActualSize((v) => !v)}>
          {actualSize ? "缩放到适合宽度" : "按实际尺寸查看（100%）"}
        </button>
      </div>
      <div ref={frame} className={actualSize ? "overflow-x-auto" : "overflow-hidden"}>
        <div ref={sheet} className="sheet-scaled w-max max-md:w-auto">{children}</div>
      </div>
    </div>
  );
}
