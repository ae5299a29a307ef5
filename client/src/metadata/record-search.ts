import type { ApolloClient, NormalizedCacheObject } from '@apollo/client/core';
import type { InjectionKey } from 'vue';
import type { ObjectDef } from './operations';

/**
 * Record search for pickers in features the records module itself shows (a quote's package
 * picker on the record page): the record page provides it, so those features need not import
 * records, which imports them.
 */
export interface RecordSearch {
  search(
    client: ApolloClient<NormalizedCacheObject>,
    object: ObjectDef,
    text: string,
    first?: number,
  ): Promise<({ id: string } & Record<string, unknown>)[]>;
  label(record: { id: string } & Record<string, unknown>): string;
}

export const recordSearchKey: InjectionKey<RecordSearch> = Symbol('record search');
