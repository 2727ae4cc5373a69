// Files from the visitor (issue 15): picked, dropped or pasted. Each is checked
// against the limits the server announced (so the visitor hears why at once),
// uploaded to POST /visitor/uploads with progress, and then sent as a message
// that references the upload by id — the server checks the reference again
// (src/actions/messages/attachments.ts).
import { fileName, refusal, type UploadLimits } from './file-checks.js';
import type { Attachment } from './messages.js';

export class UploadError extends Error {
  declare readonly status: number;
  constructor(status: number) {
    super(`upload ${status}`);
    Object.assign(this, { status });
  }
}

/**
 * XMLHttpRequest, not fetch: only it reports upload progress. Cross-origin
 * without cookies, the visitor named by the token alone, as every widget call.
 */
export function uploadFile(
  base: string,
  token: string,
  file: Blob,
  name: string,
  onProgress: (share: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base}/api/v1/visitor/uploads`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        if (xhr.status === 201) return resolve(JSON.parse(xhr.responseText).attachment);
      } catch {
        // Not the JSON we expect: treated as a failure below.
      }
      reject(new UploadError(xhr.status));
    };
    xhr.onerror = () => reject(new UploadError(0));
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
}

/** A file on its way up, shown with its progress (and a preview when it is an image). */
export interface Upload {
  key: string;
  name: string;
  /** 0…1 */
  progress: number;
  preview: string | null;
}

export type FileNotice = { kind: 'size' | 'type' | 'failed'; name: string };

export interface AttacherDeps {
  base: string;
  limits: () => UploadLimits | undefined;
  token: () => string | null;
  ensureSession: () => Promise<void>;
  /** Uploads in progress changed, or a file was refused (null: clear the notice). */
  update: (uploads: Upload[], notice: FileNotice | null | undefined) => void;
  /** The upload is stored: send it as the visitor's message. */
  send: (attachment: Attachment) => void;
  newKey: () => string;
}

export function createAttacher(d: AttacherDeps) {
  let uploads: Upload[] = [];
  const set = (next: Upload[], notice?: FileNotice | null) => {
    uploads = next;
    d.update(uploads, notice);
  };
  async function one(file: File) {
    const name = fileName(file, new Date());
    const why = refusal(file, d.limits());
    if (why) return set(uploads, { kind: why, name });
    const up: Upload = {
      key: d.newKey(),
      name,
      progress: 0,
      preview: /^image\//.test(file.type) ? URL.createObjectURL(file) : null,
    };
    set([...uploads, up], null);
    let notice: FileNotice | null = null;
    try {
      await d.ensureSession();
      const token = d.token();
      if (!token) throw new UploadError(0);
      d.send(
        await uploadFile(d.base, token, file, name, (p) => {
          up.progress = p;
          set(uploads);
        }),
      );
    } catch (e) {
      const status = e instanceof UploadError ? e.status : 0;
      notice = { kind: status === 413 ? 'size' : status === 415 ? 'type' : 'failed', name };
    } finally {
      if (up.preview) URL.revokeObjectURL(up.preview);
      set(
        uploads.filter((u) => u !== up),
        notice,
      );
    }
  }
  return {
    /** One at a time, in the order given: the messages arrive in that order too. */
    async attach(files: readonly File[]) {
      for (const f of files) await one(f);
    },
  };
}
