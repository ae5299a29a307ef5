/**
 * DURATION's text: whole seconds in the API, shown and typed as "1h 30m". The server
 * reads the same text forms; here they become seconds before they are sent.
 */

const unitSeconds: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** Seconds from "5400", "1h 30m", "2d", "1:30" (h:mm) or "1:30:15"; null when unreadable. */
export function parseDuration(text: string): number | null {
  const value = text.trim();
  if (value.length > 100) return null;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^(?:\d+(?:\.\d+)?\s*[dhms]\s*)+$/i.test(value)) {
    let seconds = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)\s*([dhms])/gi)) {
      seconds += Number(amount) * unitSeconds[unit!.toLowerCase()]!;
    }
    return Math.round(seconds);
  }
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(value);
  return clock ? Number(clock[1]) * 3_600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0) : null;
}

/** "1h 30m", "45s", "0s": hours, minutes and seconds, zero parts left out. */
export function formatDuration(seconds: number): string {
  const parts: [number, string][] = [
    [Math.floor(seconds / 3_600), 'h'],
    [Math.floor((seconds % 3_600) / 60), 'm'],
    [seconds % 60, 's'],
  ];
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n}${unit}`)
      .join(' ') || '0s'
  );
}
