import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('Dockerfile', () => {
  const docker = read('Dockerfile');
  it('builds on Node 20 slim, runs as a non-root user, keeps the database on a volume', () => {
    expect(docker).toMatch(/^FROM node:20-slim/m);
    expect(docker).toMatch(/^USER node$/m);
    expect(docker).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(docker).toContain('DATABASE_PATH=/data/interviewprep.db');
    expect(docker).toContain('/healthz');
  });
  it('starts the same entry point as npm start, with files that exist', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node dist/main.js');
    expect(pkg.scripts.prestart).toContain('npm run build');
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(docker).toContain('RUN npm run build');
    expect(docker).toContain('CMD ["node", "dist/main.js"]');
    for (const path of ['src/main.ts', 'migrations', 'package-lock.json', 'tsconfig.build.json']) expect(existsSync(new URL(path, root)), path).toBe(true);
  });
});

describe('docker-compose.yml (issue 16)', () => {
  const compose = read('docker-compose.yml');
  it('runs two app replicas from the Dockerfile on one PostgreSQL, through DATABASE_URL', () => {
    expect(compose).toMatch(/^ {2}postgres:\n {4}image: postgres:\d+/m);
    expect(compose).toMatch(/^ {2}app:\n {4}build: \.$/m);
    expect(compose).toMatch(/deploy:\n {6}replicas: 2/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/\S+@postgres:5432\/\S+/);
    expect(compose).toMatch(/condition: service_healthy/);
  });
});

describe('README checklists', () => {
  const readme = read('README.md');
  const items = [...readme.matchAll(/- \[x\] [^\n]*(?:\n {2}[^\n]*)*/g)].map((m) => m[0]);
  it('exist and back every item with a test file that is there', () => {
    expect(items.length).toBeGreaterThanOrEqual(10);
    for (const item of items) {
      const files = [...item.matchAll(/`(test\/[^`]+\.test\.ts)`/g)].map((m) => m[1] as string);
      expect(files.length, item).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(new URL(file, root)), file).toBe(true);
    }
  });
  it('names describe blocks that exist in those files', () => {
    for (const item of items) {
      for (const [, file, title] of item.matchAll(/`(test\/[^`]+\.test\.ts)` ›\s+([^`(),]+?)(?=[,)]|\s*$)/gm)) {
        expect(read(file as string), `${file} › ${title}`).toContain((title as string).trim().split(' ')[0]);
      }
    }
  });
});
