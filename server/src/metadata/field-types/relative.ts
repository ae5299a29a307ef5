import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInt } from 'graphql';
import { maxNextDays, relativePeriods } from '@crm/contracts';

/** Periods of the reader's calendar, in the reader's time zone. */
const relativePeriod = new GraphQLEnumType({
  name: 'RelativePeriod',
  description: 'A period of the reader’s calendar, in the reader’s time zone (`me { timeZone }`).',
  values: {
    TODAY: { description: 'Today.' },
    YESTERDAY: { description: 'Yesterday.' },
    THIS_WEEK: { description: 'This week, Monday to Sunday.' },
    OVERDUE: { description: 'Before now (a DATE: before today).' },
  } satisfies Record<(typeof relativePeriods)[number], unknown>,
});

/** The operand of `within`, one shape for DATE and DATETIME filters. */
export const relativeRangeInput = new GraphQLInputObjectType({
  name: 'RelativeRange',
  description:
    'A date range relative to the moment of reading, saved as written: exactly one of `period` and `nextDays`.',
  fields: {
    period: { type: relativePeriod },
    nextDays: {
      type: GraphQLInt,
      description: `Today and the N days after it (1 to ${maxNextDays}).`,
    },
  },
});
