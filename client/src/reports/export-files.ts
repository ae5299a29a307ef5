import { workspaceSelection } from '../auth';
import { i18n } from '../i18n';

/** Hands a data URL (a chart's PNG) or a blob to the browser's download. */
export function downloadDataUrl(filename: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
}

export type ExportFormat = 'CSV' | 'XLSX';

/**
 * A saved report's rows and totals as a file, from the server's export endpoint
 * (`GET /export/reports/<id>.csv|.xlsx`, as a dashboard's widget with `dashboard`): the same
 * query as the chart, so the figures agree.
 */
export async function fetchReportExport(
  format: ExportFormat,
  reportId: string,
  dashboard?: string | null,
): Promise<Blob> {
  const workspace = workspaceSelection.selectedId.value;
  const query = dashboard ? `?dashboard=${encodeURIComponent(dashboard)}` : '';
  const response = await fetch(
    `/export/reports/${encodeURIComponent(reportId)}.${format.toLowerCase()}${query}`,
    {
      credentials: 'include',
      headers: workspace ? { 'x-workspace-id': workspace } : {},
    },
  );
  if (!response.ok) throw new Error(await failureOf(response));
  return response.blob();
}

/** The server's message of a refused export (a GraphQL-shaped error body, or text). */
async function failureOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { errors?: { message?: string }[]; message?: string };
    return (
      body.errors?.[0]?.message ??
      body.message ??
      i18n.global.t('reports.exportFailed', { status: response.status })
    );
  } catch {
    return text || i18n.global.t('reports.exportFailed', { status: response.status });
  }
}

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  downloadDataUrl(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
