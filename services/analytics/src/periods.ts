/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(time: string | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The ISO 8601 week of a time as the date of its Monday (UTC), `YYYY-MM-DD`, like Mastodon's instance activity. */
export function weekOf(time: string | Date): string {
  const date = new Date(dayOf(time));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday);
  return dayOf(date);
}

/** `count` periods ending with the one holding `until`, newest first, `step` days apart. */
export function periodsBack(until: Date, count: number, step: 1 | 7): string[] {
  const start = step === 7 ? new Date(weekOf(until)) : new Date(dayOf(until));
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(start);
    date.setUTCDate(date.getUTCDate() - index * step);
    return dayOf(date);
  });
}
