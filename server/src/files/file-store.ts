import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where file bytes live, by key (`<workspace>/<file>/<variant>`). Uploads are written to
 * `tempDir` first and `put` moves them into place, so a half-written file is never seen.
 */
export interface FileStore {
  readonly tempDir: string;
  put(key: string, tempPath: string): Promise<void>;
  read(key: string): Promise<Readable>;
  /** Removes every variant of one file; a missing one is no error. */
  removeFile(workspaceId: string, fileId: string): Promise<void>;
  /** Makes the temp folder and checks the storage can be used: the server's start waits for it. */
  init(): Promise<void>;
  close(): void;
}

/** Keys are `<workspace uuid>/<file uuid>[/<variant>]`: nothing a caller could turn into another path. */
export function checkedKey(key: string): string {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}(\/[a-z]+)?$/.test(key)) throw new Error(`Bad file key ${key}`);
  return key;
}

/** Files on the local disk under `dir` (DATA_DIR/files); temp files beside them, so `put` is a rename. */
export class DiskFileStore implements FileStore {
  readonly tempDir: string;

  constructor(private readonly dir: string) {
    this.tempDir = path.join(dir, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true });
  }

  async put(key: string, tempPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tempPath, target);
  }

  async read(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    // Open before answering, so a missing file is a 404 and not a broken response.
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  async removeFile(workspaceId: string, fileId: string): Promise<void> {
    await rm(this.pathOf(`${workspaceId}/${fileId}`), { recursive: true, force: true });
  }

  close(): void {}

  private pathOf(key: string): string {
    return path.join(this.dir, checkedKey(key));
  }
}
