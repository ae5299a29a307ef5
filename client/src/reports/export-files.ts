/** Hands a data URL (a chart's PNG) to the browser's download. */
export function downloadDataUrl(filename: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
}
