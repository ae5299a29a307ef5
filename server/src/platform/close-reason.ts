/** Close reasons travel in one frame; WebSocket limits them to 123 bytes. */
export function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123
    ? reason
    : bytes
        .subarray(0, 120)
        .toString()
        .replace(/\uFFFD$/, '') + '…';
}
