// Builds the embeddable widget as one self-contained script, widget/dist/widget.js:
// an IIFE (no module loader needed on customers' pages) with its CSS inlined as a
// string that the widget puts inside its Shadow DOM.
import { defineConfig } from 'vite';

// The build runs from the repository root (npm run build:widget); the widget's own
// folder is its root wherever it is called from.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Browsers from 2020 on (optional chaining, ??): older ones would need bulky helpers.
    target: 'es2020',
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'SwitchboardWidget',
      fileName: () => 'widget.js',
    },
  },
});
