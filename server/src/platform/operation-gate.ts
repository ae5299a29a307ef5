/**
 * One operation at a time per socket while it is being set up (authenticated, validated,
 * its event stream opened): a socket that sends a thousand subscribe messages then holds
 * one database connection at a time, not the whole pool, and every other client's
 * requests go on between its operations. Running subscriptions are not held back.
 */
export class OperationGate {
  private readonly sockets = new WeakMap<object, { tail: Promise<void>; holders: Map<string, () => void> }>();

  /** Waits for the socket's turn; the operation holds it until `release`. */
  async acquire(socket: object, id: string): Promise<void> {
    let state = this.sockets.get(socket);
    if (!state) this.sockets.set(socket, (state = { tail: Promise.resolve(), holders: new Map() }));
    const previous = state.tail;
    let release!: () => void;
    state.tail = new Promise<void>((resolve) => (release = resolve));
    const { holders } = state;
    holders.set(id, () => {
      holders.delete(id);
      release();
    });
    await previous;
  }

  /** Lets the socket's next operation go; nothing when this one holds no turn. */
  release(socket: object, id: string): void {
    this.sockets.get(socket)?.holders.get(id)?.();
  }
}
