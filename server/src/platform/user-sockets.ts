import type { WebSocket } from 'ws';

/**
 * Open sockets per user in this process, over both WebSocket doors, so one account (or a
 * script with its token) cannot hold an unbounded number. A socket counts from the moment
 * it is admitted until it closes.
 */
export class UserSockets {
  private readonly byUser = new Map<string, Set<WebSocket>>();

  constructor(private readonly maxPerUser: number) {}

  /** Counts the socket for the user; false (and not counted) when the user is at the limit. */
  admit(userId: string, socket: WebSocket): boolean {
    const sockets = this.byUser.get(userId) ?? new Set<WebSocket>();
    if (sockets.has(socket)) return true;
    if (sockets.size >= this.maxPerUser) return false;
    sockets.add(socket);
    this.byUser.set(userId, sockets);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.byUser.get(userId) === sockets) this.byUser.delete(userId);
    });
    return true;
  }

  /** Sockets counted for a user (all users when none is given). */
  count(userId?: string): number {
    if (userId) return this.byUser.get(userId)?.size ?? 0;
    let total = 0;
    for (const sockets of this.byUser.values()) total += sockets.size;
    return total;
  }
}
