import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const localesDir = join(root, 'public/_locales');
const catalogue = (lang: string): Record<string, { message: string }> => JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8'));
const english = catalogue('en');
const languages = readdirSync(localesDir).filter((lang) => lang !== 'en');
const placeholders = (message: string) => [...message.matchAll(/\$\d/g)].map((m) => m[0]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('translations', () => {
  it('has at least one language besides English', () => {
    expect(languages.length).toBeGreaterThan(0);
  });

  it.each(languages)('%s has every English key, no others, and the same placeholders', (lang) => {
    const translated = catalogue(lang);
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    for (const [key, { message }] of Object.entries(english)) {
      expect(translated[key].message.trim(), `${lang}.${key} is empty`).not.toBe('');
      expect(placeholders(translated[key].message), `${lang}.${key} placeholders`).toEqual(placeholders(message));
    }
  });

  it('has an English message for every key the code uses', () => {
    const used = ['entrypoints', 'components', 'utils']
      .flatMap(sourceFiles)
      .concat('wxt.config.ts')
      .flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'|__MSG_(\w+)__/g)].map((m) => `${file}: ${m[1] ?? m[2]}`));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((entry) => !(entry.split(': ')[1] in english))).toEqual([]);
  });
});
