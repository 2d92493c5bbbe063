/**
 * Page-side scripts for the search benchmark, as source text (run with UiPage.addScript, so no
 * bundler helper can leak into them). One builds a Sidechat export of N conversations × M
 * messages from a seeded Zipf-distributed vocabulary and hands it to Options → Import, as the
 * file chooser would; the other times searches over a panel port, keystroke by keystroke.
 */

/** The vocabulary's words by rank are `w{rank}`-free pseudo-words; the runner asks the page for the ones it queries. */
export const seedScript = (conversations: number, messagesEach: number) => `
(() => {
  // mulberry32: 32-bit integer steps only (a float LCG loses bits and can cycle).
  let state = 20261205;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syllables = ['ka','lo','mi','ne','ru','sa','to','vi','ber','dan','fel','gor','han','jis','kor','lem','mar','nol','pex','qua','ris','sol','tur','ulm','var','wen','yel','zor'];
  const vocabulary = [];
  const seen = new Set();
  while (vocabulary.length < 4000) {
    let word = '';
    const parts = 2 + Math.floor(random() * 3);
    for (let i = 0; i < parts; i++) word += syllables[Math.floor(random() * syllables.length)];
    if (!seen.has(word)) { seen.add(word); vocabulary.push(word); }
  }
  const cumulative = [];
  let total = 0;
  for (let rank = 0; rank < vocabulary.length; rank++) cumulative.push((total += 1 / (rank + 1)));
  const pick = () => {
    const x = random() * total;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < x) lo = mid + 1; else hi = mid; }
    return vocabulary[lo];
  };
  const sentence = (words) => { const list = []; for (let i = 0; i < words; i++) list.push(pick()); list[0] = list[0][0].toUpperCase() + list[0].slice(1); return list.join(' ') + '.'; };
  const convs = [], messages = [];
  const start = Date.now() - ${conversations} * 3600000;
  for (let c = 0; c < ${conversations}; c++) {
    const id = 'bench-' + c;
    let firstQuestion = '';
    for (let s = 0; s < ${messagesEach}; s++) {
      const user = s % 2 === 0;
      const text = user ? sentence(8 + Math.floor(random() * 18)) : [sentence(15 + Math.floor(random() * 25)), sentence(15 + Math.floor(random() * 25)), sentence(10 + Math.floor(random() * 40))].join(' ');
      if (!firstQuestion) firstQuestion = text;
      messages.push({ id: id + '-' + s, conversationId: id, seq: s, author: user ? 'user' : 'assistant', text, state: 'done', createdAt: start + c * 3600000 + s * 1000 });
    }
    convs.push({ id, title: firstQuestion.slice(0, 60), createdAt: start + c * 3600000, updatedAt: start + c * 3600000 + ${messagesEach} * 1000, messageCount: ${messagesEach} });
  }
  const file = { format: 'sidechat-backup', version: 1, exportedAt: new Date().toISOString(), includesKeys: false, conversations: convs, messages, sections: {} };
  const input = document.getElementById('backup-file');
  const files = new DataTransfer();
  files.items.add(new File([JSON.stringify(file)], 'bench.json', { type: 'application/json' }));
  window.benchVocabulary = vocabulary;
  window.benchImportStarted = performance.now();
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
})();
`;

/** Installs window.benchSearch(queries): each query sent over a panel port in turn, and the ms until its answer came. */
export const searchTimerScript = `
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  window.benchSearch = async (queries) => {
    const port = api.runtime.connect({ name: 'sidechat-panel:424242' });
    let waiting;
    port.onMessage.addListener((message) => { if (message.type === 'search-results' && waiting && message.query === waiting.query) waiting.resolve(message.items.length); });
    port.postMessage({ type: 'open' });
    const times = [];
    for (const query of queries) {
      const started = performance.now();
      const found = await new Promise((resolve) => { waiting = { query, resolve }; port.postMessage({ type: 'search', query }); });
      times.push({ query, ms: performance.now() - started, found });
    }
    port.disconnect();
    return times;
  };
})();
`;
