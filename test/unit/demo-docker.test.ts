import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dockerDir = new URL('../../docker/', import.meta.url);
const images: Record<string, string> = JSON.parse(readFileSync(new URL('images.json', dockerDir), 'utf8'));
const compose = parse(readFileSync(new URL('compose.yaml', dockerDir), 'utf8')) as {
  services: Record<string, { image: string; ports?: string[]; volumes?: string[]; depends_on?: string[] }>;
};

/** compose service → images.json key. */
const IMAGE_KEYS: Record<string, string> = { postgres: 'postgres', mysql: 'mysql', mssql: 'mssql', 'mssql-seed': 'mssqlTools' };

describe('docker/compose.yaml', () => {
  it.each(Object.entries(IMAGE_KEYS))('service %s uses the image pinned in docker/images.json (%s)', (service, key) => {
    expect(images[key], `images.json has no "${key}"`).toBeTruthy();
    expect(compose.services[service]?.image).toBe(images[key]);
  });

  it('names no image that docker/images.json does not pin', () => {
    for (const [name, s] of Object.entries(compose.services)) expect(Object.values(images), name).toContain(s.image);
  });

  it('publishes the engines on unusual host ports', () => {
    expect(compose.services['postgres']!.ports).toEqual(['15432:5432']);
    expect(compose.services['mysql']!.ports).toEqual(['13306:3306']);
    expect(compose.services['mssql']!.ports).toEqual(['11433:1433']);
  });

  it('mounts seed files and scripts that exist', () => {
    const mounts = Object.values(compose.services).flatMap((s) => s.volumes ?? []);
    expect(mounts.length).toBeGreaterThanOrEqual(4);
    for (const m of mounts) {
      const host = m.split(':')[0]!;
      expect(existsSync(new URL(host, dockerDir)), host).toBe(true);
    }
    expect(compose.services['mssql-seed']!.depends_on).toContain('mssql');
  });

  it('seeds SQL Server in GO batches, each within the 1000-row VALUES limit', () => {
    const script = readFileSync(new URL('seed/mssql.sql', dockerDir), 'utf8');
    const batches = script.split(/^GO$/m);
    expect(batches.length).toBeGreaterThan(100);
    for (const b of batches) {
      if (!b.includes('INSERT INTO')) continue;
      expect(b.split('\n').filter((l) => l.startsWith('(')).length).toBeLessThanOrEqual(1000);
    }
    expect(batches.some((b) => b.trim() === 'USE [minim_demo]')).toBe(true);
  });
});
