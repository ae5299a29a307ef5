import { ApolloError } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n';
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

describe('describeError in the user’s language', () => {
  const refusal = (extensions: Record<string, unknown>) =>
    new ApolloError({
      graphQLErrors: [
        {
          message: 'email: must be an e-mail address',
          extensions: { code: 'BAD_USER_INPUT', field: 'email', ...extensions },
        },
      ],
    });

  it('words a refusal with a reason in German, and others by their code with the server’s detail', async () => {
    await switchLanguage('de');
    try {
      expect(describeError(refusal({ reason: 'value.email' })).fields.email).toBe(
        'Muss eine E-Mail-Adresse sein.',
      );
      expect(describeError(refusal({ reason: 'value.tooLong', params: { max: 64 } })).message).toBe(
        'Höchstens 64 Zeichen.',
      );
      expect(describeError(refusal({})).message).toBe(
        'Bitte prüfen Sie Ihre Eingabe. — email: must be an e-mail address',
      );
    } finally {
      await switchLanguage('en');
    }
    expect(describeError(refusal({ reason: 'value.email' })).message).toBe(
      'email: must be an e-mail address',
    );
  });
});
