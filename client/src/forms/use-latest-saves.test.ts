import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { useLatestSaves } from './use-latest-saves';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('useLatestSaves', () => {
  it('sends one save at a time, the later one carrying the value asked for last', async () => {
    const sent: [string, string[]][] = [];
    const answers: ReturnType<typeof deferred>[] = [];
    const saves = useLatestSaves(async (key: string, value: string[]) => {
      sent.push([key, value]);
      const answer = deferred();
      answers.push(answer);
      await answer.promise;
    });
    const first = saves.save('deal', ['owner']);
    await flushPromises();
    expect(sent).toEqual([['deal', ['owner']]]);
    // The second click comes while the first is on its way: it waits for the answer.
    const second = saves.save('deal', ['owner', 'closer']);
    await flushPromises();
    expect(sent).toEqual([['deal', ['owner']]]);
    expect(saves.valueOf('deal', [])).toEqual(['owner', 'closer']);
    answers[0]!.resolve();
    await first;
    await flushPromises();
    expect(sent).toEqual([
      ['deal', ['owner']],
      ['deal', ['owner', 'closer']],
    ]);
    answers[1]!.resolve();
    await second;
    expect(saves.valueOf('deal', ['saved'])).toEqual(['saved']);
  });

  it('sends nothing more when an earlier save already carried the last value', async () => {
    const sent: boolean[] = [];
    const answer = deferred();
    const saves = useLatestSaves(async (_key: string, value: boolean) => {
      sent.push(value);
      await answer.promise;
    });
    const clicks = [saves.save('rule', false), saves.save('rule', true), saves.save('rule', false)];
    answer.resolve();
    await Promise.all(clicks);
    // The first save left with false and the last click asked for false again: nothing else to send.
    expect(sent).toEqual([false]);
  });

  it('shows the saved value again after a failure, and the next save still goes', async () => {
    const sent: boolean[] = [];
    const saves = useLatestSaves(async (_key: string, value: boolean) => {
      sent.push(value);
      if (sent.length === 1) throw new Error('refused');
    });
    await expect(saves.save('form', true)).rejects.toThrow('refused');
    expect(saves.valueOf('form', false)).toBe(false);
    await saves.save('form', true);
    expect(sent).toEqual([true, true]);
  });
});
