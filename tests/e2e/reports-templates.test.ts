import { describe, expect, it } from 'vitest';
import { newUser } from '../support/client.js';
import { useServer } from '../support/server.js';

// The shipped templates install a dashboard each whose widgets have data from the sample records,
// and installing again (an upgrade path) adds nothing twice.

const server = useServer();

const install = `mutation ($key: String!) { installTemplate(key: $key, withSampleData: true) { steps { action target } } }`;
const dashboards = `{ dashboards { name templateKey widgets { id reportId chart } } }`;
const result = `query ($id: ID!, $dashboard: ID) { reportResult(id: $id, dashboard: $dashboard) { rows { keys labels values } totals { values } } }`;

interface Dashboard {
  name: string;
  templateKey: string;
  widgets: { id: string; reportId: string; chart: string }[];
}

describe.each([
  ['real-estate', 'Agency overview', 5],
  ['car-dealer', 'Showroom', 5],
  ['boat-dealer', 'Boat sales', 3],
])('the %s template', (key, name, widgetCount) => {
  it('installs its dashboard with data in every widget, once', async () => {
    const owner = await newUser(server);
    const plan = await owner.client.data<{ installTemplate: { steps: { action: string }[] } }>(install, {
      key,
    });
    expect(plan.installTemplate.steps.filter((s) => s.action === 'ADD_DASHBOARD')).toHaveLength(1);
    const { dashboards: found } = await owner.client.data<{ dashboards: Dashboard[] }>(dashboards);
    const dashboard = found.find((d) => d.name === name)!;
    expect(dashboard.templateKey).toMatch(new RegExp(`^${key}:`));
    expect(dashboard.widgets).toHaveLength(widgetCount);
    for (const widget of dashboard.widgets) {
      const { reportResult } = await owner.client.data<{ reportResult: { totals: { values: number[] }[] } }>(
        result,
        { id: widget.reportId },
      );
      expect(reportResult.totals[0]!.values[0], `${widget.chart} widget of ${name}`).toBeGreaterThan(0);
    }
    const again = await owner.client.data<{ installTemplate: { steps: { action: string }[] } }>(install, {
      key,
    });
    expect(again.installTemplate.steps.filter((s) => /REPORT|DASHBOARD/.test(s.action))).toEqual([]);
    const { dashboards: after } = await owner.client.data<{ dashboards: Dashboard[] }>(dashboards);
    expect(after.filter((d) => d.name === name)).toHaveLength(1);
  });
});
