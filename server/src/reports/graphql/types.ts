import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserType } from '../../identity/index.js';

export enum DateBucketEnum {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(DateBucketEnum, {
  name: 'DateBucket',
  description: 'How a DATE/DATETIME group-by is cut, in the report’s time zone (weeks start on Monday).',
});

export enum MeasureKindEnum {
  COUNT = 'COUNT',
  SUM = 'SUM',
  AVG = 'AVG',
  MIN = 'MIN',
  MAX = 'MAX',
  WEIGHTED = 'WEIGHTED',
  DISTINCT = 'DISTINCT',
  AVG_DAYS = 'AVG_DAYS',
  AVG_MINUTES = 'AVG_MINUTES',
}
registerEnumType(MeasureKindEnum, {
  name: 'MeasureKind',
  description:
    'COUNT records; SUM/AVG/MIN/MAX of a NUMBER, CURRENCY, PERCENT or RATING field; WEIGHTED: the sum times the stage’s win probability; DISTINCT: count of distinct values of any field; AVG_DAYS / AVG_MINUTES: average days / minutes from a DATE/DATETIME field until the measure’s `until` field (now when absent).',
});

export enum ReportSortDirectionEnum {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(ReportSortDirectionEnum, { name: 'ReportSortDirection' });

export enum ChartTypeEnum {
  BAR = 'BAR',
  STACKED_BAR = 'STACKED_BAR',
  LINE = 'LINE',
  AREA = 'AREA',
  PIE = 'PIE',
  DONUT = 'DONUT',
  FUNNEL = 'FUNNEL',
  NUMBER = 'NUMBER',
  TABLE = 'TABLE',
  PIVOT = 'PIVOT',
}
registerEnumType(ChartTypeEnum, { name: 'ChartType' });

export enum ScheduleFrequencyEnum {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(ScheduleFrequencyEnum, {
  name: 'ScheduleFrequency',
  description: 'WEEKLY on Mondays, MONTHLY on the 1st.',
});

export enum ExportFormatEnum {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormatEnum, { name: 'ExportFormat' });

@ObjectType('ReportGroupBy')
export class ReportGroupByType {
  @Field(() => String, { description: 'A field key, or relation.field one hop away.' }) field!: string;
  @Field(() => DateBucketEnum, { nullable: true }) bucket!: DateBucketEnum | null;
}

@ObjectType('ReportMeasure')
export class ReportMeasureType {
  @Field(() => MeasureKindEnum) kind!: MeasureKindEnum;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'AVG_DAYS, AVG_MINUTES: the DATE/DATETIME field ending the span; now when null.',
  })
  until!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
}

@ObjectType('ReportSort')
export class ReportSortType {
  @Field(() => String, { description: 'g0, g1 (group-bys) or m0, m1… (measures).' }) key!: string;
  @Field(() => ReportSortDirectionEnum) direction!: ReportSortDirectionEnum;
}

@ObjectType('ReportDefinition', { description: 'What a report computes: one SQL statement over one object.' })
export class ReportDefinitionType {
  @Field(() => String, { description: 'The object’s key.' }) object!: string;
  @Field(() => JSONResolver, {
    nullable: true,
    description: 'A record filter, as views and list queries take it.',
  })
  filter!: unknown;
  @Field(() => [ReportGroupByType]) groupBy!: ReportGroupByType[];
  @Field(() => [ReportMeasureType]) measures!: ReportMeasureType[];
  @Field(() => [ReportSortType]) sort!: ReportSortType[];
  @Field(() => Int, { nullable: true }) limit!: number | null;
  @Field(() => String, { nullable: true }) timeZone!: string | null;
  @Field(() => String, { nullable: true }) dateField!: string | null;
}

@ObjectType('ReportSchedule')
export class ReportScheduleType {
  @Field(() => ScheduleFrequencyEnum) frequency!: ScheduleFrequencyEnum;
  @Field(() => Int, { description: 'Hour of the day in the report’s time zone.' }) hour!: number;
  @Field(() => [String]) recipients!: string[];
  @Field(() => ExportFormatEnum) format!: ExportFormatEnum;
}

@ObjectType('Report', { description: 'A saved report, shared with the workspace or private to its owner.' })
export class ReportType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) shared!: boolean;
  @Field(() => UserType) owner!: UserType;
  @Field(() => String, { description: 'The object’s key.' }) object!: string;
  @Field(() => ReportDefinitionType) definition!: ReportDefinitionType;
  @Field(() => ReportScheduleType, { nullable: true }) schedule!: ReportScheduleType | null;
  @Field(() => Boolean, { description: 'Whether you may change or delete it.' }) editable!: boolean;
  @Field(() => String, { nullable: true, description: 'Set when a template installed it.' })
  templateKey!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('ReportColumn')
export class ReportColumnType {
  @Field(() => String, { description: 'g0, g1, m0, m1…: the index into keys/values.' }) key!: string;
  @Field(() => String, { description: 'GROUP or MEASURE.' }) kind!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) fieldType!: string | null;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => DateBucketEnum, { nullable: true }) bucket!: string | null;
  @Field(() => MeasureKindEnum, { nullable: true }) measure!: string | null;
}

@ObjectType('ReportRow')
export class ReportRowType {
  @Field(() => [String], {
    nullable: 'items',
    description:
      'One per group-by: the value as text (a date bucket: its first day, YYYY-MM-DD); null = empty.',
  })
  keys!: (string | null)[];
  @Field(() => [String], { nullable: 'items', description: 'Readable names of the keys.' })
  labels!: (string | null)[];
  @Field(() => [Float], { nullable: 'items', description: 'One per measure.' }) values!: (number | null)[];
  @Field(() => String, { nullable: true, description: 'ISO code when the report measures money.' })
  currency!: string | null;
}

@ObjectType('ReportResult')
export class ReportResultType {
  @Field(() => String) object!: string;
  @Field(() => [ReportColumnType]) columns!: ReportColumnType[];
  @Field(() => [ReportRowType]) rows!: ReportRowType[];
  @Field(() => [ReportRowType], { description: 'Measures over every matching record, one row per currency.' })
  totals!: ReportRowType[];
  @Field(() => Boolean, { description: 'More groups than the limit matched.' }) truncated!: boolean;
  @Field(() => String) timeZone!: string;
}

@ObjectType('ReportDrillDown', {
  description: 'The records behind a cell: open a table of `object` with `filter`.',
})
export class ReportDrillDownType {
  @Field(() => String) object!: string;
  @Field(() => JSONResolver) filter!: unknown;
}

@ObjectType('DashboardWidget')
export class DashboardWidgetType {
  @Field(() => ID) id!: string;
  @Field(() => ID) reportId!: string;
  @Field(() => ChartTypeEnum) chart!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => Int, { description: 'Column 0–23 of a 24-column grid.' }) x!: number;
  @Field(() => Int) y!: number;
  @Field(() => Int) w!: number;
  @Field(() => Int) h!: number;
}

@ObjectType('DashboardFilters')
export class DashboardFiltersType {
  @Field(() => JSONResolver, {
    nullable: true,
    description: 'A DATE/DATETIME filter operand ({gte, lt}, {within}) applied to each report’s date field.',
  })
  dateRange!: unknown;
  @Field(() => [ID], { nullable: true, description: 'Only records whose memberField is one of these users.' })
  members!: string[] | null;
  @Field(() => String, { nullable: true, description: 'A USER field key; owner when null.' })
  memberField!: string | null;
}

@ObjectType('Dashboard')
export class DashboardType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) shared!: boolean;
  @Field(() => UserType) owner!: UserType;
  @Field(() => [DashboardWidgetType]) widgets!: DashboardWidgetType[];
  @Field(() => DashboardFiltersType) filters!: DashboardFiltersType;
  @Field(() => Boolean) editable!: boolean;
  @Field(() => String, { nullable: true }) templateKey!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('DashboardWidgetResult', {
  description: 'A widget’s new data: what `reportResult(id: reportId, dashboard)` answers for you now.',
})
export class DashboardWidgetResultType {
  @Field(() => ID) widgetId!: string;
  @Field(() => ID) reportId!: string;
  @Field(() => ReportResultType) result!: ReportResultType;
}

@ObjectType('DashboardRefresh', {
  description:
    'Some widgets’ records changed (coalesced, a few seconds apart at most), with their new results.',
})
export class DashboardRefreshType {
  @Field(() => ID) dashboardId!: string;
  @Field(() => [ID], { description: 'The widgets to refresh: read again those `results` leaves out.' })
  widgetIds!: string[];
  @Field(() => [ID]) reportIds!: string[];
  @Field(() => String, { description: 'DATA (records changed) or EDITED (the dashboard changed).' })
  reason!: string;
  @Field(() => [DashboardWidgetResultType], {
    description:
      'The new results, computed once for everyone who may read the same numbers. After an edit: every widget of the dashboard as it is now.',
  })
  results!: DashboardWidgetResultType[];
}
