/**
 * Loaded by run.mjs before dependency-cruiser, which reads TypeScript through the compiler API:
 * the project's TypeScript 7 no longer has one, and given it dependency-cruiser sees no import at
 * all. This points dependency-cruiser's `typescript` at TypeScript 5, installed as `typescript5`,
 * for its require() (the version check) and its import() (the parser). Nothing else is affected.
 */
import Module, { register } from 'node:module';
import { redirectTypescript } from './typescript5-hook.mjs';

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  return resolveFilename.call(this, redirectTypescript(request, parent?.filename) ?? request, parent, ...rest);
};
register('./typescript5-hook.mjs', import.meta.url);
