import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export function databaseUrlFor(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated database to copy for each test (CREATE DATABASE … TEMPLATE is fast). */
export async function createTemplateDatabase(baseUrl: string): Promise<string> {
  const name = `rapport_template_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, (client) => client.query(`create database ${name}`));
  const database = await openDatabase({ databaseUrl: databaseUrlFor(baseUrl, name), poolSize: 1 });
  await migrateToLatest(database.db);
  await database.close();
  return name;
}

export async function createDatabaseFrom(baseUrl: string, template: string): Promise<string> {
  const name = `rapport_test_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, (client) => client.query(`create database ${name} template ${template}`));
  return name;
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await admin(baseUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}
