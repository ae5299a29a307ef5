import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { CalendarSource } from './my-day';

/** The calendar views of every object: where My day finds appointments. */
export const CALENDAR_SOURCES: TypedDocumentNode<
  { views: (CalendarSource & { id: string; type: string })[] },
  Record<string, never>
> = gql`
  query MyDayCalendars {
    views {
      id
      type
      object
      calendarField
    }
  }
`;
