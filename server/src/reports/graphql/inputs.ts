import { JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  ChartTypeEnum,
  DateBucketEnum,
  ExportFormatEnum,
  MeasureKindEnum,
  ReportSortDirectionEnum,
  ScheduleFrequencyEnum,
} from './types.js';

@InputType()
export class ReportGroupByInput {
  @Field(() => String, { description: 'A field key, or relation.field (a MANY_TO_ONE relation, one hop).' })
  field!: string;
  @Field(() => DateBucketEnum, { nullable: true, description: 'DATE/DATETIME only; MONTH by default.' })
  bucket?: DateBucketEnum | null;
}

@InputType()
export class ReportMeasureInput {
  @Field(() => MeasureKindEnum) kind!: MeasureKindEnum;
  @Field(() => String, { nullable: true }) field?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'AVG_DAYS, AVG_MINUTES: the DATE/DATETIME field ending the span; now when absent.',
  })
  until?: string | null;
  @Field(() => String, { nullable: true }) label?: string | null;
}

@InputType()
export class ReportSortInput {
  @Field(() => String) key!: string;
  @Field(() => ReportSortDirectionEnum) direction!: ReportSortDirectionEnum;
}

@InputType()
export class ReportDefinitionInput {
  @Field(() => String) object!: string;
  @Field(() => JSONResolver, { nullable: true }) filter?: unknown;
  @Field(() => [ReportGroupByInput], { nullable: true, description: 'At most two.' })
  groupBy?: ReportGroupByInput[] | null;
  @Field(() => [ReportMeasureInput]) measures!: ReportMeasureInput[];
  @Field(() => [ReportSortInput], { nullable: true }) sort?: ReportSortInput[] | null;
  @Field(() => Int, { nullable: true, description: '1–5000 rows, 1000 by default.' }) limit?: number | null;
  @Field(() => String, { nullable: true, description: 'IANA zone; yours by default.' }) timeZone?:
    string | null;
  @Field(() => String, { nullable: true }) dateField?: string | null;
}

@InputType()
export class CreateReportInput {
  @Field(() => String) name!: string;
  @Field(() => Boolean, { nullable: true }) shared?: boolean | null;
  @Field(() => ReportDefinitionInput) definition!: ReportDefinitionInput;
}

@InputType()
export class UpdateReportInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Boolean, { nullable: true }) shared?: boolean | null;
  @Field(() => ReportDefinitionInput, { nullable: true }) definition?: ReportDefinitionInput | null;
}

@InputType()
export class ReportScheduleInput {
  @Field(() => ScheduleFrequencyEnum) frequency!: ScheduleFrequencyEnum;
  @Field(() => Int) hour!: number;
  @Field(() => [String]) recipients!: string[];
  @Field(() => ExportFormatEnum, { nullable: true }) format?: ExportFormatEnum | null;
}

@InputType()
export class DashboardWidgetInput {
  @Field(() => ID, { nullable: true, description: 'Keep a widget’s id when moving it; new ones get one.' })
  id?: string | null;
  @Field(() => ID) reportId!: string;
  @Field(() => ChartTypeEnum) chart!: ChartTypeEnum;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Int) x!: number;
  @Field(() => Int) y!: number;
  @Field(() => Int) w!: number;
  @Field(() => Int) h!: number;
}

@InputType()
export class DashboardFiltersInput {
  @Field(() => JSONResolver, { nullable: true }) dateRange?: unknown;
  @Field(() => [ID], { nullable: true }) members?: string[] | null;
  @Field(() => String, { nullable: true }) memberField?: string | null;
}

@InputType()
export class CreateDashboardInput {
  @Field(() => String) name!: string;
  @Field(() => Boolean, { nullable: true }) shared?: boolean | null;
  @Field(() => [DashboardWidgetInput], { nullable: true }) widgets?: DashboardWidgetInput[] | null;
  @Field(() => DashboardFiltersInput, { nullable: true }) filters?: DashboardFiltersInput | null;
}

@InputType()
export class UpdateDashboardInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Boolean, { nullable: true }) shared?: boolean | null;
  @Field(() => [DashboardWidgetInput], { nullable: true }) widgets?: DashboardWidgetInput[] | null;
  @Field(() => DashboardFiltersInput, { nullable: true }) filters?: DashboardFiltersInput | null;
}
