import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPostgresText } from '../../src/storage/sql.js';
import { openTestSql, type TestSql } from '../support/database.js';

describe('toPostgresText', () => {
  it.each([
    ['SELECT * FROM t WHERE a = ? AND b = ?', 'SELECT * FROM t WHERE a = $1 AND b = $2', undefined],
    ['UPDATE t SET a = @a WHERE id = @id AND (@a IS NULL OR b = @a)', 'UPDATE t SET a = $1 WHERE id = $2 AND ($1 IS NULL OR b = $1)', ['a', 'id']],
    ["SELECT '?' AS q, '@x' AS n FROM t WHERE a = ?", "SELECT '?' AS q, '@x' AS n FROM t WHERE a = $1", undefined],
  ])('%s', (text, expected, names) => {
    const t = toPostgresText(text);
    expect(t.text).toBe(expected);
    expect(t.names).toEqual(names);
  });

  it('refuses a statement that mixes ? and @name', () => {
    expect(() => toPostgresText('SELECT ? WHERE a = @a')).toThrow('mixes');
  });
});

/** The unit of work both engines give the repositories (runs in the sqlite and the postgres project). */
describe('Sql units of work', () => {
  let t: TestSql;
  beforeEach(async () => {
    t = await openTestSql();
  });
  afterEach(async () => {
    await t.close();
  });
  const put = (user: string) => t.sql.run('INSERT INTO consultants (user_id) VALUES (?)', [user]);
  const users = async () => (await t.sql.all<{ user_id: string }>('SELECT user_id FROM consultants ORDER BY user_id')).map((r) => r.user_id);

  it('commits together, or rolls everything back on a throw', async () => {
    await t.sql.atomically(async () => {
      await put('U1');
      await put('U2');
    });
    await expect(
      t.sql.atomically(async () => {
        await put('U3');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await users()).toEqual(['U1', 'U2']);
  });

  it('a nested unit that fails rolls back only itself (a savepoint)', async () => {
    await t.sql.atomically(async () => {
      await put('U1');
      await t.sql.atomically(async () => {
        await put('U2');
        throw new Error('inner');
      }).catch(() => undefined);
      await put('U3');
    });
    expect(await users()).toEqual(['U1', 'U3']);
  });

  it('another caller never sees or joins a unit that is still open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const unit = t.sql.atomically(async () => {
      await put('U1');
      await gate; // the unit awaits something; other callers run meanwhile
      await put('U2');
      throw new Error('rolled back');
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = put('U9'); // must not land inside the unit (it would be rolled back with it)
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(unit).rejects.toThrow('rolled back');
    await outside;
    expect(await users()).toEqual(['U9']);
  });

  it('a snapshot reads one state while a unit commits in between', async () => {
    await put('U1');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = t.sql.snapshot(async () => {
      const first = await users();
      await gate;
      return [first, await users()];
    });
    await new Promise((r) => setTimeout(r, 20));
    const write = put('U2');
    await new Promise((r) => setTimeout(r, 20));
    release();
    const [first, second] = await read;
    await write;
    expect(second).toEqual(first);
    expect(await users()).toEqual(['U1', 'U2']);
  });
});
