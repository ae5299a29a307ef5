/** A file the API answered inline (a rendered PDF): its name, type and base64 content. */
export interface InlineFile {
  name: string;
  contentType: string;
  data: string;
}

/** The file as a Blob, for an object URL (a frame shows it, a link saves it). */
export function inlineFileBlob(file: Pick<InlineFile, 'contentType' | 'data'>): Blob {
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: file.contentType });
}

/** Saves the file as the browser's download under its name. */
export function saveInlineFile(file: InlineFile): void {
  const url = URL.createObjectURL(inlineFileBlob(file));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  // The download has taken the blob by the next task; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
