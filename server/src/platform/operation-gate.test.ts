import { describe, expect, it } from 'vitest';
import { OperationGate } from './operation-gate.js';

describe('OperationGate', () => {
  it('lets one operation of a socket through at a time, in order; other sockets are not held', async () => {
    const gate = new OperationGate();
    const socket = {};
    const other = {};
    const order: string[] = [];
    const first = gate.acquire(socket, 'a').then(() => order.push('a'));
    const second = gate.acquire(socket, 'b').then(() => order.push('b'));
    await gate.acquire(other, 'x').then(() => order.push('x'));
    await first;
    expect(order).toEqual(['a', 'x']);
    gate.release(socket, 'unknown');
    gate.release(socket, 'a');
    await second;
    expect(order).toEqual(['a', 'x', 'b']);
  });
});
