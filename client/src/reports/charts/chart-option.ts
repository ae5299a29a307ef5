import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { currentLanguage } from '../../i18n';
import { categorySeries, formatMeasure, slices, type ChartType, type ReportData } from './report-data';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** Every data item carries the index of its report row, which a click hands back. */
export interface ItemWithRow {
  value: number | null;
  name?: string;
  row: number;
}

/** The ECharts option of a drawn chart type (NUMBER and TABLE are drawn without ECharts). */
export function chartOption(type: ChartType, data: ReportData): ChartOption {
  // Read so a computed option is built again on a language switch: the formatters below run
  // inside ECharts, where no switch is seen, and the canvas is drawn again only for a new option.
  void currentLanguage.value;
  const measure = data.measures[0];
  const format = (value: unknown) => formatMeasure(measure, typeof value === 'number' ? value : null);
  if (type === 'PIE' || type === 'DONUT' || type === 'FUNNEL') {
    const items = slices(data);
    const legend: LegendComponentOption = { type: 'scroll', bottom: 0 };
    const tooltip: TooltipComponentOption = { trigger: 'item', valueFormatter: format };
    if (type === 'FUNNEL') {
      // The report's order is the funnel's (stages in pipeline order), not sorted by size.
      return {
        tooltip,
        legend,
        series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', bottom: 40, data: items }],
      };
    }
    return {
      tooltip,
      legend,
      series: [{ type: 'pie', radius: type === 'DONUT' ? ['45%', '70%'] : '70%', data: items }],
    };
  }
  const { categories, series } = categorySeries(data);
  const kind = type === 'LINE' || type === 'AREA' ? 'line' : 'bar';
  return {
    tooltip: { trigger: 'axis', valueFormatter: format },
    legend: series.length > 1 ? { type: 'scroll', bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: 16, bottom: series.length > 1 ? 40 : 8, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => format(value) } },
    series: series.map((s) => ({
      type: kind,
      name: s.name,
      stack: type === 'STACKED_BAR' || (type === 'AREA' && series.length > 1) ? 'total' : undefined,
      areaStyle: type === 'AREA' ? {} : undefined,
      data: s.points.map((p) => (p ? { value: p.value, row: p.row } : { value: null, row: -1 })),
    })) as (BarSeriesOption | LineSeriesOption)[],
  };
}

/** The report row behind a clicked item, or null (an empty bucket, a legend click). */
export function clickedRow(data: ReportData, item: unknown): number | null {
  const row = (item as Partial<ItemWithRow> | null | undefined)?.row;
  return typeof row === 'number' && row >= 0 && row < data.rows.length ? row : null;
}
