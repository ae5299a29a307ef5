/** The forecast of a pipeline's open amounts by close month and owner (reports/forecast/). */
export default {
  title: 'Forecast',
  none: 'No object has a pipeline yet. An admin can add one under Admin → Pipelines.',
  includeClosed: 'Include won and lost',
  missingFields: 'A forecast needs an amount (currency or number) and a close date field on {objects}.',
  unweighted: 'Unweighted',
  weighted: 'Weighted',
  byCloseMonth: 'By close month',
  byOwner: 'By owner',
  weightedByMonthAndStage: 'Weighted by month and stage',
  byCloseMonthTable: 'By close month (table)',
  closeMonth: 'Close month',
  owner: 'Owner',
  stage: 'Stage',
  noCloseDate: 'No close date',
  noOwner: 'No owner',
};
