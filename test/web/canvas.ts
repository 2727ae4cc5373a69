// A real 2D canvas for component tests: happy-dom draws nothing itself, so
// this plugs @napi-rs/canvas (Skia) in through happy-dom's canvas adapter. Every
// call still reaches the real context; the text drawn and the lines stroked
// are also noted, so a test can read what a chart put on its axes.
import { type Canvas, createCanvas, Path2D } from '@napi-rs/canvas';

export interface Drawn {
  /** Every fillText, in order, across every canvas. */
  texts: string[];
  /** Count of stroke() calls, so gridlines and reference lines can be told apart from nothing. */
  strokes: number;
  /** lineDash in force at each stroke, e.g. [6, 4] for a reference line. */
  dashedStrokes: number;
}

export function installCanvas(): Drawn {
  const drawn: Drawn = { texts: [], strokes: 0, dashedStrokes: 0 };
  const backing = new WeakMap<object, Canvas>();
  const adapter = {
    getContext(caller: { canvas: { width: number; height: number } }, type: string) {
      if (type !== '2d') return null;
      const real =
        backing.get(caller.canvas) ??
        createCanvas(Math.max(1, caller.canvas.width), Math.max(1, caller.canvas.height));
      backing.set(caller.canvas, real);
      const ctx = real.getContext('2d');
      return new Proxy(ctx, {
        get(target, prop) {
          if (prop === 'canvas') return caller.canvas;
          const value = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            // The element's size changes after getContext (uPlot sizes it then), as in a browser.
            const { width, height } = caller.canvas;
            if (width > 0 && height > 0 && (real.width !== width || real.height !== height)) {
              real.width = width;
              real.height = height;
            }
            if (prop === 'fillText') drawn.texts.push(String(args[0]));
            if (prop === 'stroke') {
              drawn.strokes += 1;
              if (target.getLineDash().length > 0) drawn.dashedStrokes += 1;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
        set(target, prop, value) {
          return Reflect.set(target, prop, value, target);
        },
      });
    },
    toDataURL() {
      return 'data:,';
    },
    toBlob(_caller: unknown, callback: (blob: null) => void) {
      callback(null);
    },
  };
  const settings = (window as unknown as { happyDOM: { settings: Record<string, unknown> } })
    .happyDOM.settings;
  settings.canvasAdapter = adapter;
  // Charts build their paths with Path2D, which happy-dom lacks: Skia's own.
  (globalThis as Record<string, unknown>).Path2D = Path2D;
  return drawn;
}
