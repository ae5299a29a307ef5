import { CronExpressionParser } from 'cron-parser';

/** Why `expression` is not a usable five-field cron expression (or a macro such as @daily), or null. */
export function cronProblem(expression: unknown, timeZone: string): string | null {
  if (typeof expression !== 'string' || !expression.trim()) return 'a cron expression such as "0 9 * * 1"';
  const text = expression.trim();
  // Seconds are not offered: a rule fires at most once a minute.
  if (text === '@secondly') return 'at most once a minute';
  if (!text.startsWith('@') && text.split(/\s+/).length !== 5)
    return 'five fields: minute hour day-of-month month day-of-week';
  try {
    CronExpressionParser.parse(text, { tz: timeZone, strict: false });
    return null;
  } catch (error) {
    return `does not parse (${(error as Error).message})`;
  }
}

/** The first time after `after` the expression matches, read in `timeZone`. */
export function nextCronTime(expression: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(expression.trim(), { tz: timeZone, currentDate: after }).next().toDate();
}
