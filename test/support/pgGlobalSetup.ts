import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../src/storage/postgres/migrate.js';
import { startPostgres, type TestPostgres } from './postgres.js';

const TEMPLATE = 'interviewprep_template';
let server: TestPostgres | undefined;

/**
 * The `postgres` project's setup: one real PostgreSQL for the whole run (Debian's packages, never
 * as root), with a template database migrated once; every test copies it (test/support/database.ts).
 */
export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = new pg.Client({ connectionString: server.url.replace(/\/[^/]*$/, `/${TEMPLATE}`) });
  await template.connect();
  try {
    await migratePostgres(template);
  } finally {
    await template.end();
  }
  project.provide('pgUrl', server.url);
  project.provide('pgTemplate', TEMPLATE);
}

export function teardown(): void {
  server?.stop();
}
