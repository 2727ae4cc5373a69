// Fixed-height windowing: only the rows in view (plus a few) are mounted, so a
// queue of 5,000 costs the same to render and to tick as one of 20.
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';

const OVERSCAN = 6;
/** Used until the container is measured (and in test DOMs that have no layout). */
const DEFAULT_VIEWPORT = 640;

export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  label,
  className,
  style,
}: {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  className?: string;
  style?: CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(DEFAULT_VIEWPORT);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || DEFAULT_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);
  const visible = items.slice(first, last);

  return (
    <div
      ref={box}
      className={`virtual-list ${className ?? ''}`}
      style={style}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <ul
        className="virtual-spacer"
        style={{ height: items.length * rowHeight }}
        aria-label={label}
      >
        {visible.map((item, i) => {
          const index = first + i;
          return (
            <li
              key={getKey(item)}
              aria-setsize={items.length}
              aria-posinset={index + 1}
              className="virtual-row"
              style={{ top: index * rowHeight, height: rowHeight }}
            >
              {renderRow(item, index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
