import type { ReadModelStore } from '@strata/read-models';
import { type MetricFactDoc, metricFactsCollection } from './admin-metrics.projection.ts';

export const measureKeys = ['active_users', 'new_users', 'interactions', 'opened_reports', 'resolved_reports'] as const;
export type MeasureKey = (typeof measureKeys)[number];
export const dimensionKeys = ['languages', 'servers', 'software_versions'] as const;
export type DimensionKey = (typeof dimensionKeys)[number];

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Every UTC day from start to end, both included. */
export function daysBetween(start: Date, end: Date): string[] {
  const days: string[] = [];
  for (let t = Date.parse(dayOf(start)); t <= end.getTime(); t += DAY_MS) days.push(dayOf(new Date(t)));
  return days;
}

async function factsIn(store: ReadModelStore, key: MetricFactDoc['key'], days: string[]): Promise<MetricFactDoc[]> {
  if (!days.length) return [];
  return metricFactsCollection(store).find({ where: { key, day: { $gte: days[0]!, $lte: days[days.length - 1]! } } });
}

/** Distinct accounts for active users (an account active on many days counts once); facts for the others. */
const totalOf = (key: MeasureKey, facts: MetricFactDoc[]) => (key === 'active_users' ? new Set(facts.map((f) => f.accountId)).size : facts.length);

/** Mastodon's Admin::Measure: a total, the total of the period just before, and a value per day. */
export async function measure(store: ReadModelStore, key: MeasureKey, start: Date, end: Date) {
  const days = daysBetween(start, end);
  const previousEnd = new Date(Date.parse(days[0]!) - 1);
  const previousDays = daysBetween(new Date(Date.parse(days[0]!) - days.length * DAY_MS), previousEnd);
  const [facts, previous] = await Promise.all([factsIn(store, key, days), factsIn(store, key, previousDays)]);
  const byDay = new Map<string, MetricFactDoc[]>();
  for (const fact of facts) byDay.set(fact.day, [...(byDay.get(fact.day) ?? []), fact]);
  return {
    key,
    unit: null,
    total: String(totalOf(key, facts)),
    previous_total: String(totalOf(key, previous)),
    data: days.map((day) => ({ date: `${day}T00:00:00.000Z`, value: String(totalOf(key, byDay.get(day) ?? [])) })),
  };
}

/** Mastodon's Admin::Dimension: the most common values of one kind in the period. */
export async function dimension(store: ReadModelStore, key: DimensionKey, start: Date, end: Date, limit: number, software: { strata: string; node: string }) {
  if (key === 'software_versions') {
    return { key, data: [{ key: 'strata', human_key: 'Strata', value: software.strata }, { key: 'nodejs', human_key: 'Node.js', value: software.node }] };
  }
  const facts = await factsIn(store, key === 'languages' ? 'statuses' : 'remote_statuses', daysBetween(start, end));
  const counts = new Map<string, number>();
  for (const fact of facts) if (fact.label) counts.set(fact.label, (counts.get(fact.label) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  return { key, data: top.map(([label, value]) => ({ key: label, human_key: label, value: String(value) })) };
}

/** Periods (days or months) from start to end, each with its first day and its days. */
function periods(start: Date, end: Date, frequency: 'day' | 'month'): { start: string; days: string[] }[] {
  const days = daysBetween(start, end);
  if (frequency === 'day') return days.map((day) => ({ start: day, days: [day] }));
  const months = new Map<string, string[]>();
  for (const day of days) months.set(day.slice(0, 7), [...(months.get(day.slice(0, 7)) ?? []), day]);
  return [...months.values()].map((monthDays) => ({ start: monthDays[0]!, days: monthDays }));
}

/** Mastodon's Admin::Cohort: for the accounts that signed up in each period, the share active in each later period. */
export async function retention(store: ReadModelStore, start: Date, end: Date, frequency: 'day' | 'month') {
  const spans = periods(start, end, frequency);
  const active = await Promise.all(spans.map(async (span) => new Set((await factsIn(store, 'active_users', span.days)).map((f) => f.accountId))));
  return Promise.all(
    spans.map(async (cohort, index) => {
      const members = (await factsIn(store, 'new_users', cohort.days)).map((f) => f.accountId);
      return {
        period: `${cohort.start}T00:00:00.000Z`,
        frequency,
        data: spans.slice(index).map((span, offset) => {
          const value = members.filter((id) => active[index + offset]!.has(id)).length;
          return { date: `${span.start}T00:00:00.000Z`, rate: members.length ? value / members.length : 0, value: String(value) };
        }),
      };
    }),
  );
}
