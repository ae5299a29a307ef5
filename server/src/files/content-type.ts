import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { BadInput } from '../platform/index.js';
import { imageTypes } from './images.js';

/** What FILE fields take besides images: documents, archives, plain text. */
const documentTypes = new Set([
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
  'video/mp4',
  'video/quicktime',
]);

/** Names whose content file-type cannot recognise: plain text, checked to be UTF-8. */
const textExtensions: Record<string, string> = {
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.md': 'text/markdown',
};

/** Extensions that name a kind; a file so named must hold that kind (a .jpg that is a zip is refused). */
const sameKind: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  gif: ['gif'],
  webp: ['webp'],
  avif: ['avif'],
  pdf: ['pdf'],
  zip: ['zip'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
};

export type FileKind = 'file' | 'image';

/**
 * The content type of an uploaded file, read from its bytes; refuses a type the field does
 * not take and a name that says one kind while the bytes are another.
 */
export async function detectContentType(tempPath: string, name: string, kind: FileKind): Promise<string> {
  const detected = await fileTypeFromFile(tempPath);
  const ext = path.extname(name).slice(1).toLowerCase();
  const refuse = (message: string) =>
    new BadInput(['file'], message, { reason: 'FILE_TYPE_REFUSED', detected: detected?.mime ?? null });
  if (!detected) {
    const text = textExtensions[`.${ext}`];
    if (kind === 'file' && text && (await isUtf8Text(tempPath))) return text;
    throw refuse(`“${name}” is not a file type this field takes.`);
  }
  const expected = sameKind[ext];
  if (expected && !expected.includes(detected.ext))
    throw refuse(`“${name}” is named .${ext} but its content is ${detected.mime}.`);
  if (imageTypes.has(detected.mime)) return detected.mime;
  if (kind === 'image') throw refuse(`“${name}” is not an image (JPEG, PNG, WebP, GIF or AVIF).`);
  if (documentTypes.has(detected.mime)) return detected.mime;
  throw refuse(`“${name}” (${detected.mime}) is not a file type this field takes.`);
}

async function isUtf8Text(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    try {
      // A multi-byte character cut at the end of the sample is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, bytesRead - 4)));
      return true;
    } catch {
      return false;
    }
  } finally {
    await handle.close();
  }
}
