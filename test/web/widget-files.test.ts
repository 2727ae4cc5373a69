// @vitest-environment happy-dom
// The widget's attacher (widget/src/files.ts). Here rather than in test/widget
// because it needs the DOM's types (XMLHttpRequest, File), which this folder's
// type-check has and the server's does not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttacher, type FileNotice, type Upload } from '../../widget/src/files';

/** An XMLHttpRequest that the test answers by hand. */
class FakeXhr {
  static last: FakeXhr | null = null;
  upload: {
    onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
  } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.last = this;
  }
}

function setup(limits = { maxBytes: 1000, types: ['image/png'] }) {
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const seen: { uploads: Upload[]; notice: FileNotice | null | undefined }[] = [];
  const sent: unknown[] = [];
  const attacher = createAttacher({
    base: 'https://sb.example',
    limits: () => limits,
    token: () => 'v1.token',
    ensureSession: async () => {},
    update: (uploads, notice) => seen.push({ uploads: uploads.map((u) => ({ ...u })), notice }),
    send: (a) => sent.push(a),
    newKey: () => 'k1',
  });
  return { attacher, seen, sent };
}

const png = (size: number, name = 'image.png') =>
  new File([new Uint8Array(size)], name, { type: 'image/png' });

describe('the widget attacher', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeXhr.last = null;
  });

  it('uploads with the visitor token, reports progress, then sends the stored upload', async () => {
    const { attacher, seen, sent } = setup();
    const done = attacher.attach([png(500)]);
    await vi.waitFor(() => expect(FakeXhr.last).not.toBeNull());
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe('https://sb.example/api/v1/visitor/uploads');
    expect(xhr.headers.authorization).toBe('Bearer v1.token');
    expect((xhr.body!.get('file') as File).name).toMatch(/^screenshot-.*\.png$/);
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 250, total: 500 });
    expect(seen.at(-1)!.uploads[0]!.progress).toBe(0.5);
    const attachment = { id: 'u1', name: 'x.png', contentType: 'image/png', size: 500 };
    xhr.status = 201;
    xhr.responseText = JSON.stringify({ attachment });
    xhr.onload!();
    await done;
    expect(sent).toEqual([attachment]);
    expect(seen.at(-1)).toEqual({ uploads: [], notice: null });
  });

  it('refuses a file over the limit or of another type without uploading it', async () => {
    const { attacher, seen } = setup();
    await attacher.attach([png(1001, 'big.png')]);
    expect(seen.at(-1)!.notice).toEqual({ kind: 'size', name: 'big.png' });
    await attacher.attach([new File(['x'], 'page.html', { type: 'text/html' })]);
    expect(seen.at(-1)!.notice).toEqual({ kind: 'type', name: 'page.html' });
    expect(FakeXhr.last).toBeNull();
  });

  it('says why when the server refuses the file', async () => {
    const { attacher, seen, sent } = setup();
    const done = attacher.attach([png(10, 'a.png')]);
    await vi.waitFor(() => expect(FakeXhr.last).not.toBeNull());
    FakeXhr.last!.status = 413;
    FakeXhr.last!.onload!();
    await done;
    expect(sent).toEqual([]);
    expect(seen.at(-1)).toEqual({ uploads: [], notice: { kind: 'size', name: 'a.png' } });
  });
});
