/**
 * Reads the Yjs update out of an incoming Hocuspocus message, before Hocuspocus applies
 * it, so it can be made durable first. The framing is lib0's: a varString document name,
 * a varUint message type, then for sync messages a varUint sync type and a varUint8Array.
 */

const messageSync = 0;
const messageAwareness = 1;
const messageSyncReply = 4;
const syncStep2 = 1;
const syncUpdate = 2;

export class Reader {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varUint(): number {
    let value = 0;
    let factor = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new RangeError('truncated message');
      const byte = this.bytes[this.position++]!;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 0x80;
      if (factor > 2 ** 53) throw new RangeError('varUint too large');
    }
  }

  varString(): string {
    return textDecoder.decode(this.bytesOf(this.varUint()));
  }

  bytesOf(length: number): Uint8Array {
    if (this.position + length > this.bytes.length) throw new RangeError('truncated message');
    const slice = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return slice;
  }
}

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** lib0's encoding, for the few messages the server writes itself. */
export class Writer {
  private readonly parts: number[] = [];

  varUint(value: number): this {
    let rest = value;
    while (rest > 0x7f) {
      this.parts.push(0x80 | (rest % 0x80));
      rest = Math.floor(rest / 0x80);
    }
    this.parts.push(rest);
    return this;
  }

  varString(value: string): this {
    return this.varBytes(textEncoder.encode(value));
  }

  varBytes(bytes: Uint8Array): this {
    this.varUint(bytes.length);
    for (const byte of bytes) this.parts.push(byte);
    return this;
  }

  toUint8Array(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface IncomingSync {
  /** SyncStep2 (the client's answer to the server's state vector) or a live update. */
  step: 'step2' | 'update';
  update: Uint8Array;
}

/** The document update a message carries, or null for awareness, auth, step 1 and the rest. */
export function readIncomingUpdate(message: Uint8Array): IncomingSync | null {
  const reader = new Reader(message);
  reader.bytesOf(reader.varUint()); // the document name
  const type = reader.varUint();
  if (type !== messageSync && type !== messageSyncReply) return null;
  const syncType = reader.varUint();
  if (syncType !== syncStep2 && syncType !== syncUpdate) return null;
  const update = reader.bytesOf(reader.varUint());
  return { step: syncType === syncStep2 ? 'step2' : 'update', update };
}

/** An update without structs or deletions: what a client with nothing new sends as step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** The awareness update an awareness message carries, or null for any other message. */
export function readIncomingAwareness(message: Uint8Array): Uint8Array | null {
  const reader = new Reader(message);
  reader.bytesOf(reader.varUint()); // the document name
  if (reader.varUint() !== messageAwareness) return null;
  return reader.bytesOf(reader.varUint());
}
