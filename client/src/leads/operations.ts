import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Lead rating models and lead conversion: the server's `leads` module.

export interface RatingModelEntry {
  objectKey: string;
  model: Record<string, unknown>;
  converts: boolean;
}

export const RATING_MODELS: TypedDocumentNode<
  { ratingModels: RatingModelEntry[] },
  Record<string, never>
> = gql`
  query RatingModels {
    ratingModels {
      objectKey
      model
      converts
    }
  }
`;

export const SAVE_RATING_MODEL: TypedDocumentNode<
  { saveRatingModel: RatingModelEntry },
  { objectKey: string; model: unknown }
> = gql`
  mutation SaveRatingModel($objectKey: String!, $model: JSON!) {
    saveRatingModel(objectKey: $objectKey, model: $model) {
      objectKey
      model
      converts
    }
  }
`;

export const CONVERT_LEAD: TypedDocumentNode<
  {
    convertLead: {
      personId: string;
      personCreated: boolean;
      companyId: string | null;
      dealId: string | null;
    };
  },
  { objectKey: string; id: string }
> = gql`
  mutation ConvertLead($objectKey: String!, $id: ID!) {
    convertLead(objectKey: $objectKey, id: $id) {
      personId
      personCreated
      companyId
      dealId
    }
  }
`;
