import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { ForecastRow } from './forecast-data';

export const FORECAST_QUERY: TypedDocumentNode<
  { forecast: ForecastRow[] },
  {
    object: string;
    pipeline?: string | null;
    amountField?: string | null;
    closeDateField?: string | null;
    includeClosed?: boolean;
  }
> = gql`
  query Forecast(
    $object: String!
    $pipeline: String
    $amountField: String
    $closeDateField: String
    $includeClosed: Boolean
  ) {
    forecast(
      object: $object
      pipeline: $pipeline
      amountField: $amountField
      closeDateField: $closeDateField
      includeClosed: $includeClosed
    ) {
      stage
      month
      ownerId
      count
      amount
      weighted
    }
  }
`;
