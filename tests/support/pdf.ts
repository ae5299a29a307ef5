import { PDFParse } from 'pdf-parse';

/** A PDF's text as pdf-parse reads it, runs of whitespace (line breaks too) as one space. */
export async function pdfText(data: Buffer | Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}
