/**
 * Module hook (see typescript5.mjs): dependency-cruiser's `import('typescript')` gets TypeScript 5.
 * Only dependency-cruiser's own imports are redirected.
 */
const FROM_CRUISER = /[\\/]node_modules[\\/]dependency-cruiser[\\/]/;

/** `typescript` or `typescript/…` asked for by dependency-cruiser, as the same path in `typescript5`. */
export function redirectTypescript(request, importer) {
  if (!importer || !FROM_CRUISER.test(importer)) return undefined;
  if (request !== 'typescript' && !request.startsWith('typescript/')) return undefined;
  return `typescript5${request.slice('typescript'.length)}`;
}

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(redirectTypescript(specifier, context.parentURL) ?? specifier, context);
}
