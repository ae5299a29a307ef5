import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { BadInput } from '../platform/index.js';

/** Below this many characters a password is refused before any scoring (also in the input's validation). */
export const passwordMinLength = 10;
/**
 * zxcvbn's score, 0–4; 3 means "safely unguessable: moderate protection from an offline
 * slow-hash scenario" (at least ~10^8 guesses), which scrypt and the sign-in limits make ample.
 */
const minimumScore = 3;
/** Scoring is super-linear in length; past this many characters the rest only adds strength. */
const scoredLength = 64;

let factory: ZxcvbnFactory | undefined;

/** Built on first use: the dictionaries take a moment and some memory. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: scoredLength,
  });
  return factory;
}

/**
 * Refuses passwords too short or too easy to guess — common passwords, repeats, keyboard
 * runs, dates, the account's own e-mail or name — with zxcvbn-ts (a maintained port of
 * Dropbox's estimator, with common-password and English dictionaries), naming `path`.
 */
export function assertStrongPassword(password: string, userInputs: string[], path: readonly string[]): void {
  if (Array.from(password).length < passwordMinLength) {
    throw new BadInput(path, `password must be at least ${passwordMinLength} characters`);
  }
  const words = userInputs.flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  const { score, feedback } = estimator().check(password, [...userInputs, ...words]);
  if (score >= minimumScore) return;
  const advice = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
  throw new BadInput(
    path,
    `password is too easy to guess. ${advice || 'Add more words that are less common.'}`.trim(),
    { reason: 'WEAK_PASSWORD' },
  );
}
