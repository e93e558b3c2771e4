import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Each SQL text prepared once on this connection and reused: collections and feeds build their statements per call. */
export function statementCache(db: DatabaseSync): (text: string) => StatementSync {
  const statements = new Map<string, StatementSync>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
}
