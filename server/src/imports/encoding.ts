import { BadInput } from '../platform/index.js';

/** The text encodings an uploaded CSV may come in, found from its bytes. */
export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'ISO-8859-1';

/** Signatures of files people mistake for spreadsheets or send by accident. */
const refusedSignatures: { bytes: number[]; what: string }[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Excel 97–2003 (.xls) file: save it as .xlsx or .csv' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

export function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

function notTabular(what: string): never {
  throw new BadInput(['file'], `This is ${what}, not a CSV or XLSX file.`);
}

/** Without a byte-order mark: UTF-16 shows as a zero in every other byte of ASCII text. */
function utf16WithoutMark(data: Uint8Array): TextEncoding | null {
  const sample = data.subarray(0, Math.min(data.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  const half = sample.length / 2;
  if (oddZeros > half * 0.9 && evenZeros === 0) return 'UTF-16LE';
  if (evenZeros > half * 0.9 && oddZeros === 0) return 'UTF-16BE';
  return null;
}

/**
 * A CSV's bytes as text: UTF-8 or UTF-16 by their byte-order mark, UTF-16 without one by
 * its zero bytes, UTF-8 when the bytes decode as such, Latin-1 otherwise (every byte is a
 * Latin-1 character, so this is the fallback of spreadsheet exports on Windows).
 */
export function decodeText(data: Uint8Array): { text: string; encoding: TextEncoding } {
  for (const { bytes, what } of refusedSignatures) if (startsWith(data, bytes)) notTabular(what);
  if (startsWith(data, [0xef, 0xbb, 0xbf]))
    return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'UTF-8' };
  if (startsWith(data, [0xff, 0xfe]))
    return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), encoding: 'UTF-16LE' };
  if (startsWith(data, [0xfe, 0xff]))
    return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), encoding: 'UTF-16BE' };
  const utf16 = utf16WithoutMark(data);
  if (utf16) return { text: new TextDecoder(utf16.toLowerCase()).decode(data), encoding: utf16 };
  if (data.includes(0)) notTabular('a binary file');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(data), encoding: 'ISO-8859-1' };
  }
}
