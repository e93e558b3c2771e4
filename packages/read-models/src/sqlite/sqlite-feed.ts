import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Feed, FeedEntry, FeedMatch, FeedPage } from '../port.ts';
import { statementCache } from './statement-cache.ts';
import { checkField } from './sql-filter.ts';

const COLUMNS = 'CAST(owner_id AS TEXT) AS ownerId, CAST(status_id AS TEXT) AS statusId, CAST(author_id AS TEXT) AS authorId, CAST(reblog_of_id AS TEXT) AS reblogOfId';

/**
 * A feed as a table of plain integer columns keyed by (owner, status): an entry is about
 * 30 bytes instead of a JSON document and its expression indexes, and a whole fan-out is
 * one statement. Decimal ids are stored as integers (INTEGER affinity) and read back as
 * text, so they order as numbers and keep every digit.
 */
export class SqliteFeed implements Feed {
  readonly name: string;
  readonly #db: DatabaseSync;
  readonly #table: string;
  readonly #sql: (text: string) => StatementSync;

  /** `prefix` names the version the table belongs to; the table is named like a collection's, so versions drop it alike. */
  constructor(db: DatabaseSync, name: string, prefix = '') {
    this.name = checkField(name);
    this.#db = db;
    this.#sql = statementCache(db);
    this.#table = `${prefix}rm_${name}`;
    const layout = `(owner_id INTEGER NOT NULL, status_id INTEGER NOT NULL, author_id INTEGER NOT NULL, reblog_of_id INTEGER, PRIMARY KEY (owner_id, status_id)) WITHOUT ROWID`;
    const older = db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'doc'`).get(this.#table);
    if (older) this.#convert(layout);
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.#table} ${layout}`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${prefix}ixf_${name}_status ON ${this.#table} (status_id)`);
  }

  async push(ownerIds: Iterable<string>, entry: Omit<FeedEntry, 'ownerId'>): Promise<void> {
    // one statement for the whole audience: no call from JavaScript per row
    this.#sql(`INSERT INTO ${this.#table} (owner_id, status_id, author_id, reblog_of_id) SELECT value, ?, ?, ? FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`).run(
      entry.statusId,
      entry.authorId,
      entry.reblogOfId,
      JSON.stringify([...new Set(ownerIds)]),
    );
  }

  async add(entries: FeedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.#sql(
      `INSERT INTO ${this.#table} (owner_id, status_id, author_id, reblog_of_id)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`,
    ).run(JSON.stringify(entries.map((e) => [e.ownerId, e.statusId, e.authorId, e.reblogOfId])));
  }

  async page(ownerId: string, page: FeedPage): Promise<FeedEntry[]> {
    const bounds = [page.below !== undefined && 'status_id < ?', page.above !== undefined && 'status_id > ?'].filter(Boolean);
    const order = page.direction === 'asc' ? 'ASC' : 'DESC';
    const params = [ownerId, ...(page.below !== undefined ? [page.below] : []), ...(page.above !== undefined ? [page.above] : []), page.limit];
    return this.#sql(`SELECT ${COLUMNS} FROM ${this.#table} WHERE ${['owner_id = ?', ...bounds].join(' AND ')} ORDER BY status_id ${order} LIMIT ?`).all(...params) as unknown as FeedEntry[];
  }

  async find(match: FeedMatch): Promise<FeedEntry[]> {
    const { sql, params } = matchClause(match);
    return this.#sql(`SELECT ${COLUMNS} FROM ${this.#table} WHERE ${sql}`).all(...params) as unknown as FeedEntry[];
  }

  async count(match: FeedMatch): Promise<number> {
    const { sql, params } = matchClause(match);
    return Number((this.#sql(`SELECT count(*) AS n FROM ${this.#table} WHERE ${sql}`).get(...params) as { n: number }).n);
  }

  async remove(match: FeedMatch): Promise<number> {
    const { sql, params } = matchClause(match);
    return Number(this.#sql(`DELETE FROM ${this.#table} WHERE ${sql}`).run(...params).changes);
  }

  async trim(ownerId: string, keep: number): Promise<void> {
    // the edge is found and the rest cut within the primary key: no row is read whole
    this.#sql(
      `DELETE FROM ${this.#table} WHERE owner_id = ?1 AND status_id < (SELECT status_id FROM ${this.#table} WHERE owner_id = ?1 ORDER BY status_id DESC LIMIT 1 OFFSET ?2)`,
    ).run(ownerId, keep - 1);
  }

  /** A feed kept before as a collection of the same name (JSON documents) becomes this table once. */
  #convert(layout: string) {
    const old = `${this.#table}__documents`;
    this.#db.exec(`ALTER TABLE ${this.#table} RENAME TO ${old}`);
    this.#db.exec(`CREATE TABLE ${this.#table} ${layout}`);
    this.#db.exec(
      `INSERT OR IGNORE INTO ${this.#table} SELECT doc ->> 'ownerId', doc ->> 'statusId', doc ->> 'authorId', doc ->> 'reblogOfId' FROM ${old}`,
    );
    this.#db.exec(`DROP TABLE ${old}`);
  }

}

/** The WHERE clause of a match, values bound (never in the SQL text); no field given matches everything. */
function matchClause(match: FeedMatch): { sql: string; params: (string | null)[] } {
  const conditions: [string, string | undefined][] = [
    ['owner_id = ?', match.ownerId],
    ['author_id = ?', match.authorId],
    ['status_id IN (SELECT value FROM json_each(?))', match.statusIds && JSON.stringify(match.statusIds)],
    ['reblog_of_id = ?', match.reblogOfId],
  ];
  const given = conditions.filter((condition): condition is [string, string] => condition[1] !== undefined);
  return { sql: given.length ? given.map(([sql]) => sql).join(' AND ') : '1', params: given.map(([, value]) => value) };
}
