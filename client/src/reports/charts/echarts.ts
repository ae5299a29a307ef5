// ECharts, registered once with only what our charts draw (tree-shaken: the full
// bundle is ~1 MB, this subset about a third of it). Import VChart from here.
import { use } from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import VChart from 'vue-echarts';

// The canvas renderer, so a chart exports as PNG (getDataURL).
use([
  CanvasRenderer,
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
]);

export { VChart };
