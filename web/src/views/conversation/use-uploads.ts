// Attachments being added to a draft: each file uploads at once (so sending is
// instant) and the draft carries only the server's attachment references.
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import type { Attachment, UploadAnswer } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';

export interface DraftFile {
  localId: string;
  name: string;
  status: 'uploading' | 'done' | 'failed';
  attachment: Attachment | null;
  error: string | null;
}

const MAX_FILES = 10;
let counter = 0;

export function useUploads() {
  const { t } = useI18n();
  const [files, setFiles] = useState<DraftFile[]>([]);

  const add = useCallback(
    (list: FileList | File[]) => {
      for (const file of [...list].slice(0, MAX_FILES)) {
        counter += 1;
        const localId = `f${counter}`;
        setFiles((fs) => [
          ...fs,
          { localId, name: file.name, status: 'uploading', attachment: null, error: null },
        ]);
        const body = new FormData();
        body.append('file', file, file.name);
        api
          .post<UploadAnswer>('/uploads', body)
          .then(({ attachment }) =>
            setFiles((fs) =>
              fs.map((f) => (f.localId === localId ? { ...f, status: 'done', attachment } : f)),
            ),
          )
          .catch((error) =>
            setFiles((fs) =>
              fs.map((f) =>
                f.localId === localId
                  ? { ...f, status: 'failed', error: describeError(t, error).message }
                  : f,
              ),
            ),
          );
      }
    },
    [t],
  );

  const remove = useCallback(
    (localId: string) => setFiles((fs) => fs.filter((f) => f.localId !== localId)),
    [],
  );
  const clear = useCallback(() => setFiles([]), []);
  const ready = files.filter((f) => f.status === 'done' && f.attachment).map((f) => f.attachment!);
  const uploading = files.some((f) => f.status === 'uploading');
  return { files, add, remove, clear, ready, uploading };
}
