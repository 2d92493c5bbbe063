import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fillPrompt, languageName, matchPrompts, placeholdersIn, unknownPlaceholders, usesSelection } from '@/utils/contract/prompts';
import { defaultPrompts, fillForPage } from '@/utils/prompt-library';

describe('placeholders', () => {
  it('finds the known ones once each, in any case and with spaces inside the braces', () => {
    expect(placeholdersIn('{{selection}} on {{ page_title }} ({{PAGE_URL}}) again {{selection}} {{nope}}')).toEqual(['selection', 'page_title', 'page_url']);
    expect(unknownPlaceholders('{{selection}} {{page_titel}} {{ lang }}')).toEqual(['{{page_titel}}', '{{ lang }}']);
    expect(usesSelection({ text: 'Explain: {{ selection }}' })).toBe(true);
    expect(usesSelection({ text: 'Summarize {{page_url}}' })).toBe(false);
  });

  it('fills every placeholder in one pass: a value that holds a placeholder stays as it is', () => {
    const filled = fillPrompt('Explain “{{selection}}” from {{page_title}} in {{language}}.', {
      selection: 'a {{page_url}} template',
      page_title: 'Skellig',
      language: 'English',
    });
    expect(filled).toEqual({ text: 'Explain “a {{page_url}} template” from Skellig in English.', missing: [] });
  });

  it('empties a placeholder without a value and says which were missing; unknown ones stay as typed', () => {
    expect(fillPrompt('{{page_url}} {{page_url}} {{selection}} {{other}}', { selection: 'x' })).toEqual({ text: '  x {{other}}', missing: ['page_url'] });
  });

  it('names the browser language in that language', () => {
    expect(languageName('en-US')).toBe('English');
    expect(languageName('de')).toBe('Deutsch');
    expect(languageName('pt_BR')).toBe('Português');
  });
});

describe('filling a prompt for the page', () => {
  beforeEach(() => {
    fakeBrowser.i18n.getUILanguage = () => 'en-US';
  });

  it('uses the page read as Share this page reads it, and the selection the menu gave over the page one', () => {
    const page = { ok: true as const, url: 'https://a.example/x', title: 'A page', selection: 'page selection' };
    expect(fillForPage('{{page_title}} {{page_url}} {{selection}} {{language}}', page)).toEqual({ text: 'A page https://a.example/x page selection English' });
    expect(fillForPage('{{selection}}', page, 'menu selection')).toEqual({ text: 'menu selection' });
  });

  it('says what was left empty, and why, when the page could not be read', () => {
    const filled = fillForPage('About {{page_title}} ({{page_url}}): {{selection}}', { ok: false, message: 'Sidechat has no access to this tab.' }, 'chosen');
    expect(filled).toEqual({ text: 'About  (): chosen', notice: 'Left empty: the page title, the page address. Sidechat has no access to this tab.' });
    // Nothing from the page needed: nothing to say.
    expect(fillForPage('In {{language}}', { ok: false, message: 'x' })).toEqual({ text: 'In English' });
  });
});

describe('the default prompts', () => {
  it('are the five the issue names, each using the selection', () => {
    const prompts = defaultPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Reply to this']);
    expect(prompts.every(usesSelection)).toBe(true);
    expect(unknownPlaceholders(prompts.map((p) => p.text).join('\n'))).toEqual([]);
  });
});

describe('matching what was typed after /', () => {
  it('puts names that start with it first, then names that contain it, ignoring case and accents', () => {
    const prompts = defaultPrompts();
    expect(matchPrompts(prompts, '').length).toBe(5);
    expect(matchPrompts(prompts, 'T').map((p) => p.name)).toEqual(['Translate', 'Reply to this']);
    expect(matchPrompts(prompts, 'ex').map((p) => p.name)).toEqual(['Explain']);
    expect(matchPrompts([{ id: 'r', name: 'Résumé', text: 'x' }], 'resu').map((p) => p.id)).toEqual(['r']);
    expect(matchPrompts(prompts, 'zzz')).toEqual([]);
  });
});
