import type { ExecutionResult } from 'graphql';

/**
 * One JSON text per shared result, however many subscriptions it goes to.
 *
 * sharedSubscribe hands one event's result object to every subscription of an audience, but
 * graphql-ws serialises its `next` message per subscription (the id differs), payload and all:
 * with 50 subscriptions on a socket the same payload was written 50 times. graphql-ws has no
 * way to send raw JSON, so `onNext` answers with a stand-in whose JSON is a fixed string, and
 * the socket's `send` puts the result's text, made once, where that string is. A `next`
 * payload is always an object in the protocol, so a message whose payload is that string can
 * only come from the stand-in. graphql-ws stringifies the message and hands it to the socket
 * in one synchronous step, so the text the stand-in left is the one its message needs.
 */
export class SharedPayloads {
  private readonly standIns = new WeakMap<ExecutionResult, object>();
  private pending: string | undefined;

  /** What `onNext` answers for a result without errors. */
  payloadOf(result: ExecutionResult): object {
    let standIn = this.standIns.get(result);
    if (!standIn) {
      let text: string | undefined;
      standIn = {
        toJSON: () => {
          this.pending = text ??= JSON.stringify(result);
          return standInText;
        },
      };
      this.standIns.set(result, standIn);
    }
    return standIn;
  }

  /** A message as graphql-ws wrote it, with the shared payload's text in its place. */
  restore<T>(data: T): T | string {
    const text = this.pending;
    if (text === undefined || typeof data !== 'string' || !data.endsWith(standInTail)) return data;
    this.pending = undefined;
    return `${data.slice(0, data.length - standInTail.length)}"payload":${text}}`;
  }
}

const standInText = '\u0000shared payload';
const standInTail = `"payload":${JSON.stringify(standInText)}}`;
