import { ApolloError } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('keys the messages of several bad fields by input name', () => {
    const error = new ApolloError({
      graphQLErrors: [
        {
          message: 'password must be at least 10 characters; email must be an e-mail address',
          extensions: {
            code: 'BAD_USER_INPUT',
            field: 'password',
            fields: [
              { field: 'password', message: 'must be at least 10 characters' },
              { field: 'email', message: 'must be an e-mail address' },
            ],
          },
        },
      ],
    });

    expect(describeError(error).fields).toEqual({
      password: 'Must be at least 10 characters',
      email: 'Must be an e-mail address',
    });
  });

  it('reads GraphQL errors from a 4xx answer', () => {
    const networkError = Object.assign(new Error('Response not successful'), {
      result: { errors: [{ message: 'Variable "$input" is invalid.' }] },
    });

    expect(describeError(new ApolloError({ networkError })).message).toBe('Variable "$input" is invalid.');
  });

  it('says the server cannot be reached when the request failed', () => {
    const error = new ApolloError({ networkError: new TypeError('Failed to fetch') });

    expect(describeError(error).message).toMatch(/cannot be reached/);
  });
});
