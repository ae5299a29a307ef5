import { workspaceSelection } from '../auth';
import type { ReportDefinitionInput } from './operations';

/** Hands a data URL (a chart's PNG) or a blob to the browser's download. */
export function downloadDataUrl(filename: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
}

export type ExportFormat = 'CSV' | 'XLSX';

/** What to export: a saved report (as a dashboard's widget when `dashboard` is set), or an unsaved definition. */
export interface ExportSource {
  reportId?: string | null;
  definition?: ReportDefinitionInput | null;
  dashboard?: string | null;
}

/** The server's export of a report (its rows and totals, computed as the chart's), as a file. */
export async function fetchReportExport(format: ExportFormat, source: ExportSource): Promise<Blob> {
  const workspace = workspaceSelection.selectedId.value;
  const response = await fetch('/reports/export', {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', ...(workspace ? { 'x-workspace-id': workspace } : {}) },
    body: JSON.stringify({ format, ...source }),
  });
  if (!response.ok) throw new Error((await response.text()) || `Export failed (${response.status}).`);
  return response.blob();
}

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  downloadDataUrl(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
